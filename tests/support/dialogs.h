// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

// For the widget tests (they link Qt Widgets themselves): answering a modal dialog that code
// under test opens with exec() or open().

#include <QtCore/QTimer>
#include <QtWidgets/QApplication>

#include <functional>

namespace sori::test {

// Answers the next modal dialog of type Dialog with `answer` once it is open (looked for every
// 10 ms until it is).
template<typename Dialog>
void answerNextDialog(std::function<void(Dialog *)> answer)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        if (auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            answer(dialog);
        }
    });
    timer->start();
}

} // namespace sori::test
