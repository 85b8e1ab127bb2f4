// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/certificatetrust.h"

#include <QtWidgets/QDialog>

namespace sori::chat {

// The question about a server certificate that did not verify (see CertificateTrust). Three
// faces, by the verdict:
// - first use ("certificateDialog"): the server, why the certificate did not verify, its
//   fingerprint; "Trust and connect" (accept) or "Cancel" (reject, the default);
// - changed ("certificateChangedDialog"): a red warning that the identity changed and that
//   this could be an attack, the trusted and the new fingerprints; "Disconnect" (reject, the
//   default) or "Trust the new certificate" (accept);
// - refused ("certificateRefusedDialog"): why no pin can help; "Close" only.
class CertificateDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateDialog)

public:
    explicit CertificateDialog(const CertificateTrust::Check &check, QWidget *parent = nullptr);
    ~CertificateDialog() override;
};

} // namespace sori::chat
