// Suggestions while a participant's name is typed: names that start with the text, from
// /explore/suggest, offered through the input's <datalist>. Everything else works without it.
"use strict";

const SUGGEST_DELAY_MS = 150; // wait for a pause in typing before asking the server
const MIN_CHARS = 2; // one letter matches too many names to help

function attachSuggestions(input) {
  const list = document.getElementById(input.getAttribute("list"));
  if (!list) return;
  let timer = 0;
  let pending = null;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < MIN_CHARS) {
      list.replaceChildren();
      return;
    }
    timer = window.setTimeout(async () => {
      if (pending) pending.abort();
      pending = new AbortController();
      const url = `${input.dataset.suggest}?q=${encodeURIComponent(text)}`;
      try {
        const response = await fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const names = await response.json();
        list.replaceChildren(
          ...names.map((name) => {
            const option = document.createElement("option");
            option.value = name; // a property, never HTML: names are data
            return option;
          }),
        );
        list.dataset.for = text; // lets tests and tools see which text they answer
      } catch (error) {
        if (error.name !== "AbortError") throw error;
      }
    }, SUGGEST_DELAY_MS);
  });
}

document.querySelectorAll("input[data-suggest]").forEach(attachSuggestions);
