import { describe, expect, it } from "vitest";
import { escapeHtml, html, jsonForScript } from "../src/index";

describe("html", () => {
  it("escapes every interpolated value", () => {
    const hostile = `"><script>alert('x')</script>&`;
    expect(html`<p title="${hostile}">${hostile}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">' +
        "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>",
    );
    expect(escapeHtml(42)).toBe("42");
  });

  it("inserts nested templates and arrays of them as markup, and skips null/undefined/false", () => {
    const items = ["a<b", "c"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}`.value).toBe(
      "<ul><li>a&lt;b</li><li>c</li></ul>",
    );
  });
});

describe("jsonForScript", () => {
  it("cannot close its <script> element and reads back unchanged", () => {
    const value = {
      name: "</script><script>alert(1)</script><!--",
      amp: "a & b > c",
      separators: "\u2028\u2029",
      nested: [1, true, null],
    };
    const text = jsonForScript(value).value;
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
