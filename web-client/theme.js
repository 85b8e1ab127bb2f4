// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The page's colours: as the system says (prefers-color-scheme), or light or dark as the
// settings chose, remembered in localStorage ("sori.theme"). app.css holds the colours as CSS
// variables; <html data-theme="light|dark"> overrides the system's choice.

const ThemeKey = 'sori.theme';
export const Themes = ['system', 'light', 'dark'];

export function chosenTheme() {
    try {
        const chosen = globalThis.localStorage?.getItem(ThemeKey) ?? '';
        return Themes.includes(chosen) ? chosen : 'system';
    } catch {
        return 'system';
    }
}

export function applyTheme(theme = chosenTheme()) {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark')
        root.dataset.theme = theme;
    else
        delete root.dataset.theme;
}

export function setTheme(theme) {
    if (!Themes.includes(theme))
        return;
    try {
        globalThis.localStorage?.setItem(ThemeKey, theme);
    } catch {
        // not remembered; this page still changes
    }
    applyTheme(theme);
}
