/** Task pane entry (taskpane.html): mount the pane into #container. */
import { mountPane } from "./boot";

const container = document.getElementById("container");
if (container) void mountPane(container);
