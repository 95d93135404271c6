// Adds a "copy link" button next to the read-only link field. Without
// JavaScript the field is still there to select and copy by hand.
(function () {
  var input = document.getElementById("share-url");
  if (!input || !navigator.clipboard) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "btn btn-small";
  button.textContent = input.dataset.copyLabel;
  var status = document.createElement("span");
  status.setAttribute("role", "status");
  status.className = "copy-status";
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(input.value).then(function () {
      status.textContent = input.dataset.copiedLabel;
    });
  });
  input.insertAdjacentElement("afterend", status);
  input.insertAdjacentElement("afterend", button);
})();
