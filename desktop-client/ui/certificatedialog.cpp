// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/certificatedialog.h"

#include <QtGui/QFontDatabase>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStyle>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
using Verdict = CertificateTrust::Verdict;

QLabel *textLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

// A fingerprint in a fixed-width font, eight groups a line, selectable to copy it.
QLabel *fingerprintLabel(const QByteArray &fingerprint, const QString &name, QWidget *parent)
{
    auto *label = new QLabel(CertificateTrust::formatFingerprint(fingerprint, 8), parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setContentsMargins(12, 0, 0, 6);
    // Both lines, always: a fingerprint cut short cannot be compared.
    label->setMinimumSize(label->sizeHint());
    return label;
}
} // namespace

CertificateDialog::CertificateDialog(const CertificateTrust::Check &check, QWidget *parent)
    : QDialog(parent)
{
    const bool changed = check.verdict == Verdict::Changed;
    const bool refused = check.verdict == Verdict::Refused;
    setObjectName(changed       ? u"certificateChangedDialog"_s
                      : refused ? u"certificateRefusedDialog"_s
                                : u"certificateDialog"_s);

    auto *icon = new QLabel(this);
    icon->setPixmap(style()
                        ->standardIcon(changed || refused ? QStyle::SP_MessageBoxCritical
                                                          : QStyle::SP_MessageBoxWarning)
                        .pixmap(48, 48));
    icon->setAlignment(Qt::AlignTop);
    icon->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);

    QLabel *heading = nullptr;
    QString explanation;
    if (changed) {
        setWindowTitle(tr("Warning: the server's identity changed"));
        heading = textLabel(tr("The identity of %1 has changed!").arg(check.server), this);
        // Red, as loud as a dialog gets: this is the one that may be an attack.
        heading->setObjectName(u"warningBanner"_s);
        heading->setAutoFillBackground(true);
        QPalette palette = heading->palette();
        palette.setColor(QPalette::Window, QColor(0xd9, 0x30, 0x25));
        palette.setColor(QPalette::WindowText, Qt::white);
        heading->setPalette(palette);
        heading->setContentsMargins(10, 8, 10, 8);
        explanation =
            tr("The server presents another certificate than the one you trusted before. This "
               "could be an attack: somebody between you and the server may be trying to read "
               "or change what you send. Or the server's operator replaced the certificate.\n"
               "Disconnect, unless the operator confirms the new fingerprint.");
    } else if (refused) {
        setWindowTitle(tr("Certificate not valid"));
        heading = textLabel(
            tr("Sori cannot connect to %1 safely: its certificate is not valid.").arg(check.server),
            this);
    } else {
        setWindowTitle(tr("Unverified certificate"));
        heading = textLabel(tr("Sori cannot verify the identity of %1.").arg(check.server), this);
        explanation =
            tr("If you run this server, or its operator can tell you the certificate's "
               "fingerprint, compare it with the one below, group by group. If they are the same, "
               "you can trust this certificate: Sori remembers it for this server and warns you "
               "if it ever changes.");
    }
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    if (changed && headingFont.pointSizeF() > 0)
        headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    heading->setFont(headingFont);

    auto *reason = textLabel(CertificateTrust::describe(check.errors), this);
    reason->setObjectName(u"reasonLabel"_s);

    // Each fingerprint under its title: two lines of eight groups need the dialog's width.
    auto *fingerprints = new QVBoxLayout;
    const auto addFingerprint = [&](const QString &title, const QByteArray &fingerprint,
                                    const QString &name) {
        fingerprints->addWidget(textLabel(title, this));
        fingerprints->addWidget(fingerprintLabel(fingerprint, name, this));
    };
    if (changed) {
        addFingerprint(tr("Trusted fingerprint (SHA-256):"), check.pinned,
                       u"oldFingerprintLabel"_s);
        addFingerprint(tr("New fingerprint (SHA-256):"), check.fingerprint, u"fingerprintLabel"_s);
    } else {
        addFingerprint(tr("Fingerprint (SHA-256):"), check.fingerprint, u"fingerprintLabel"_s);
    }

    // The safe choice is the default one: Enter never trusts a certificate.
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *safe = nullptr;
    if (changed) {
        safe = buttons->addButton(tr("&Disconnect"), QDialogButtonBox::RejectRole);
        safe->setObjectName(u"disconnectButton"_s);
        buttons->addButton(tr("Trust the &new certificate"), QDialogButtonBox::AcceptRole)
            ->setObjectName(u"trustButton"_s);
    } else if (refused) {
        safe = buttons->addButton(tr("&Close"), QDialogButtonBox::RejectRole);
        safe->setObjectName(u"cancelButton"_s);
    } else {
        buttons->addButton(tr("&Trust and connect"), QDialogButtonBox::AcceptRole)
            ->setObjectName(u"trustButton"_s);
        safe = buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
        safe->setObjectName(u"cancelButton"_s);
    }
    for (QAbstractButton *button : buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(button))
            push->setAutoDefault(false);
    }
    safe->setDefault(true);
    safe->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // The icon beside the heading only: wrapped text nested beside it would be laid out
    // shorter than it is.
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(heading, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(reason);
    if (!explanation.isEmpty())
        layout->addWidget(textLabel(explanation, this));
    layout->addLayout(fingerprints);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

CertificateDialog::~CertificateDialog() = default;

} // namespace sori::chat
