// First: before any schema of core is built (see the module).
import "./zod-without-eval.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.js";
import "./styles/console.css";

const root = document.getElementById("root");
if (root === null) throw new Error("the console page has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
