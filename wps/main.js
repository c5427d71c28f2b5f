/*
 * 绩效评价助手 — the ribbon shim of the WPS 表格 add-in (WPS 加载项). WPS loads index.html, which loads
 * this file; ribbon.xml names the callbacks below, which WPS calls on the page's global object.
 *
 * Plain ES5 (plus optional catch bindings) and synchronous on purpose: WPS runs it in its embedded Chromium without a build step, and
 * asynchronous ribbon callbacks broke the ribbon in some WPS builds. The task pane itself is the same
 * page as in Excel (taskpane.html next to this file); it finds WPS by its globals (src/host/connect.ts).
 */
(function (global) {
  "use strict";

  /** PluginStorage key of the task pane's id (shared by the add-in's pages, not persisted). */
  var PANE_ID_KEY = "perfEval.taskPaneId";
  var PANE_TITLE = "绩效评价助手";
  /** msoCTPDockPositionRight. */
  var DOCK_RIGHT = 2;

  /** The add-in root: the global Application (recommended), else wps. */
  function root() {
    return global.Application || global.wps;
  }

  /** The folder this page was loaded from, with a trailing slash. */
  function baseUrl() {
    var href = String(global.location.href).split("#")[0].split("?")[0];
    return href.slice(0, href.lastIndexOf("/") + 1);
  }

  /** The task pane's URL: taskpane.html beside this file. */
  function paneUrl() {
    return baseUrl() + "taskpane.html";
  }

  /** CreateTaskPane in the typings, CreateTaskpane in some documents and builds: probe both. */
  function createPane(app, url) {
    var create = app.CreateTaskPane || app.CreateTaskpane || (global.wps && global.wps.CreateTaskPane);
    if (typeof create !== "function") throw new Error("WPS: no CreateTaskPane");
    return create.call(app, url, PANE_TITLE);
  }

  function storedPane(app) {
    var storage = app.PluginStorage;
    var id = storage ? storage.getItem(PANE_ID_KEY) : null;
    if (id === null || id === undefined || id === "" || typeof app.GetTaskPane !== "function") return null;
    try {
      return app.GetTaskPane(id) || null;
    } catch {
      return null; // closed by the user, or WPS restarted the add-in
    }
  }

  /** Show the task pane (created once), or hide it when it is showing. */
  function togglePane() {
    var app = root();
    var pane = storedPane(app);
    if (pane) {
      pane.Visible = !pane.Visible;
      return pane;
    }
    pane = createPane(app, paneUrl());
    try {
      pane.DockPosition = DOCK_RIGHT;
    } catch {
      // some builds dock task panes themselves
    }
    if (app.PluginStorage) app.PluginStorage.setItem(PANE_ID_KEY, pane.ID);
    pane.Visible = true;
    return pane;
  }

  /** ribbon.xml onLoad: the first callback WPS calls. */
  global.OnAddinLoad = function (ribbonUI) {
    var app = root();
    if (app && typeof app.ribbonUI !== "object") {
      try {
        app.ribbonUI = ribbonUI;
      } catch {
        // read-only in some builds
      }
    }
    return true;
  };

  /** ribbon.xml onAction. */
  global.OnAction = function (control) {
    var id = control && (control.Id || control.id);
    if (id === "btnPerfEvalPane") {
      try {
        togglePane();
      } catch (e) {
        global.alert("绩效评价助手：无法打开任务窗格（" + (e && e.message ? e.message : e) + "）。");
      }
    }
    return true;
  };

  /** ribbon.xml getImage: the button's icon, relative to this folder. */
  global.GetImage = function () {
    return "assets/icon-32.png";
  };

  global.PerfEvalRibbon = { paneUrl: paneUrl, togglePane: togglePane, PANE_ID_KEY: PANE_ID_KEY };
})(window);
