/** Shown instead of the pane when there is no Excel: opened in a plain browser, or office.js failed to load. */
import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useLang } from "../context";

export type HostStatus = "noExcel" | "noOffice";

export function HostMessage(props: { status: HostStatus }): React.JSX.Element {
  const { t } = useLang();
  const title = props.status === "noExcel" ? t("host.noExcel.title") : t("host.noOffice.title");
  const body = props.status === "noExcel" ? t("host.noExcel.body") : t("host.noOffice.body");
  return (
    <MessageBar intent={props.status === "noExcel" ? "warning" : "error"} layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <div>{body}</div>
      </MessageBarBody>
    </MessageBar>
  );
}
