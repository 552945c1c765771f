/* The estimate form: reads the pilot's constants from the page (written there at build from
   content/data/) and rounds exactly as the build's table does (snp_site/estimate.py). */
(function () {
  "use strict";

  function dutch(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function rounded(value) {
    if (value < 1) { return "minder dan 1"; }
    if (value < 10) { return dutch(Math.floor(value + 0.5)); }
    var digits = Math.floor(Math.log10(value)) - 1;
    var scale = Math.pow(10, digits);
    return dutch(Math.floor(value / scale + 0.5) * scale);
  }

  function perYear(c, step, inhabitants) {
    return step.waarde / c.inwoners * inhabitants * 12 / c.maanden;
  }

  function parse(text, max) {
    var cleaned = text.trim().replace(/[\s.]/g, "");
    if (cleaned === "") { return { fout: "Vul het aantal inwoners in." }; }
    if (!/^-?\d+$/.test(cleaned)) { return { fout: "Vul alleen cijfers in, bijvoorbeeld 85000." }; }
    var n = parseInt(cleaned, 10);
    if (n <= 0) { return { fout: "Het aantal inwoners moet groter zijn dan 0." }; }
    if (n > max) { return { fout: "Vul een aantal in van hoogstens " + dutch(max) + "." }; }
    return { inwoners: n };
  }

  function setUp(root) {
    var c = JSON.parse(root.getAttribute("data-schatting"));
    var form = root.querySelector("form");
    var input = form.querySelector("input");
    var error = form.querySelector(".snp-fout");
    var output = root.querySelector(".snp-schatting-uitkomst");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var result = parse(input.value, c.max);
      if (result.fout) {
        error.textContent = result.fout;
        input.setAttribute("aria-invalid", "true");
        output.textContent = "";
        return;
      }
      error.textContent = "";
      input.removeAttribute("aria-invalid");
      var list = document.createElement("ul");
      c.stappen.forEach(function (step) {
        var item = document.createElement("li");
        item.setAttribute("data-cijfer", step.cijfer);
        item.textContent = step.label + ": ongeveer " + rounded(perYear(c, step, result.inwoners)) + " per jaar";
        list.appendChild(item);
      });
      var heading = document.createElement("p");
      heading.textContent = "Indicatie voor een gemeente met " + dutch(result.inwoners) + " inwoners:";
      output.replaceChildren(heading, list);
    });
  }

  document.querySelectorAll(".snp-schatting").forEach(setUp);
}());
