// Run first in <body>, before it is drawn: GOV.UK Frontend styles its components for JavaScript by these classes.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
