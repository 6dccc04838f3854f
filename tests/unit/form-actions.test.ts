import { describe, expect, it } from "vitest";
import { files, isClient, source } from "./app-sources";

// A server action bound inside a client component is a new reference at each
// render. After a form is posted without JavaScript, React's server render
// waits for that reference's bound arguments to compare them with the posted
// action's, and each retry binds a new one: the page is rendered again and
// again and its server process never answers. Pages bind their forms' actions
// on the server and pass them down (components/form-state.ts, FormAction);
// e2e/forms-without-javascript.spec.ts posts the forms.

describe("form actions", () => {
  it("are never bound inside a client component, so that a form posted without JavaScript is answered", () => {
    const binding = files.filter((file) => isClient(file) && /\.bind\(/.test(source(file)));
    expect(binding).toEqual([]);
  });
});
