// Login page: password login sets the session cookie; then back to the page that asked.
import { api, status, t } from "./common.js";

const form = document.getElementById("login-form");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  status(t("loading"));
  try {
    await api("/auth/login", { method: "POST", body: { username: data.get("username"), password: data.get("password") } });
    window.location.assign(form.dataset.next || "/");
  } catch (error) {
    status(`${t("login_failed")}: ${error.message}`, { error: true });
  }
});
