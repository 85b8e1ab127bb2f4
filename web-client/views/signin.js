// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The sign-in form: as a guest (a nickname, or none for a guest name), with an account, or
// registering one.

import { t } from '../i18n.js';
import { $ } from './dom.js';

const MinPassword = 8; // the server's rule (weak_password below it)

export class SigninView {
    constructor(session) {
        this.session = session;
        this.mode = 'guest';
        this.ui = {
            tabs: document.querySelectorAll('.tabs [role=tab]'),
            form: $('signin-form'), hint: $('signin-hint'), name: $('signin-name'),
            nameLabel: $('signin-name-label'), passwordRow: $('password-row'),
            password: $('signin-password'), submit: $('signin-submit'), error: $('signin-error'),
            passwordRule: $('password-rule'), confirmRow: $('confirm-row'),
            confirm: $('signin-confirm'),
        };
        for (const tab of this.ui.tabs)
            tab.addEventListener('click', () => this.setMode(tab.dataset.mode));
        this.ui.form.addEventListener('submit', (event) => this.submit(event));
    }

    setMode(mode) {
        const ui = this.ui;
        this.mode = mode;
        for (const tab of ui.tabs)
            tab.setAttribute('aria-selected', String(tab.dataset.mode === mode));
        const guest = mode === 'guest';
        ui.passwordRow.hidden = guest;
        // A new account: the rule for its password, and the password twice.
        ui.passwordRule.hidden = mode !== 'register';
        ui.confirmRow.hidden = mode !== 'register';
        ui.password.minLength = mode === 'register' ? MinPassword : 0;
        ui.nameLabel.textContent = t(guest ? 'signin.nickname' : 'signin.name');
        ui.name.placeholder = guest ? 'guest-…' : '';
        ui.hint.textContent = t(`signin.${mode}Hint`);
        ui.submit.textContent = t(`signin.submit.${mode}`);
        ui.password.autocomplete = mode === 'register' ? 'new-password' : 'current-password';
        ui.error.textContent = '';
    }

    submit(event) {
        const ui = this.ui;
        event.preventDefault();
        const name = ui.name.value.trim();
        const password = ui.password.value;
        ui.error.textContent = '';
        if (this.mode === 'guest') {
            this.session.reset();
            this.session.signIn({ mode: 'guest', nickname: name });
        } else {
            if (!name || !password) {
                ui.error.textContent = t('signin.failed', { message: t('signin.name') });
                return;
            }
            if (this.mode === 'register' && [...password].length < MinPassword) {
                ui.error.textContent = t('signin.tooShort');
                ui.password.focus();
                return;
            }
            if (this.mode === 'register' && ui.confirm.value !== password) {
                ui.error.textContent = t('signin.mismatch');
                ui.confirm.focus();
                return;
            }
            this.session.reset();
            this.session.signIn({ mode: this.mode, name, password });
        }
        ui.submit.disabled = true;
        ui.submit.textContent = t('signin.working');
    }

    // The form is shown (again): ready for input.
    shown() {
        this.ui.submit.disabled = false;
        this.ui.name.focus();
    }

    // The sign-in went through or was refused: the form can be used again, the password goes.
    signedIn() {
        this.ui.password.value = '';
        this.ui.confirm.value = '';
    }

    refused() {
        this.ui.submit.disabled = false;
        this.setMode(this.mode);
    }

    showError(text) {
        this.ui.error.textContent = text;
    }

    prefill(nickname) {
        this.ui.name.value = nickname;
    }
}
