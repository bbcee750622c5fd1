/* Progressive enhancement only: the site works fully without this file. */
(function () {
  "use strict";
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  if (navigator.clipboard) {
    document.querySelectorAll(".js-copy-link").forEach(function (button) {
      var status = button.closest(".share") && button.closest(".share").querySelector(".js-copy-status");
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(window.location.href).then(function () {
          if (status) { status.textContent = "Đã sao chép liên kết bài viết."; }
        }, function () {
          if (status) { status.textContent = "Không sao chép được; hãy sao chép địa chỉ trên thanh trình duyệt."; }
        });
      });
    });
  }
})();
