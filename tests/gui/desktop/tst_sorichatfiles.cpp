// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Files in sori-chat (issue 23), on the real widgets against a real in-process server: files
// attached with the button, a drop or a paste go up with a progress bar and a cancel button and
// then with the message; images come in as thumbnails that open whole, other files as chips
// that are saved where asked; guests attach nothing.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/filecache.h"
#include "core/messagelistmodel.h"
#include "fixtures.h"
#include "protocol/client/filetransfer.h"
#include "testclients.h"
#include "ui/attachmentbar.h"
#include "ui/composer.h"
#include "ui/imageviewer.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/messageview.h"
#include "windowtest.h"

#include <QtCore/QBuffer>
#include <QtCore/QMimeData>
#include <QtCore/QRandomGenerator>
#include <QtGui/QClipboard>
#include <QtGui/QImage>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QToolButton>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;

namespace {

QByteArray pngOf(const QSize &size, const QColor &color)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

} // namespace

class tst_SoriChatFiles : public test::WindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void attachedFilesGoWithTheMessage();
    void aMessageWaitsForItsFilesAndACancelledOneStaysBehind();
    void droppedAndPastedFilesAreAttached();
    void anIncomingImageShowsItsThumbnailAndOpensWhole();
    void anIncomingFileIsSavedWhereAsked();
    void guestsAttachNothing();
    void signingOutDropsFilesNotSent();

private:
    QString writeFile(const QString &name, const QByteArray &bytes) const;
    // mina's upload of bytes as name to lobby, then a message carrying it.
    std::optional<Attachment> sendFromMina(RecordingClient &mina, const QString &name,
                                           const QByteArray &bytes, const QString &text);
    AttachmentBar *lobbyBar() const { return m_window->attachmentBar(u"lobby"_s); }
    // The last message mina received in lobby with files, if any.
    static std::optional<MessageEvent> lastWithFiles(const RecordingClient &client);
    // Clicks the file `i` of the row of the current view that has files.
    bool clickAttachment(int i);
};

void tst_SoriChatFiles::init()
{
    openWindow({{u"kim"_s, Role::Member}, {u"mina"_s, Role::Member}});
}

void tst_SoriChatFiles::cleanup()
{
    closeWindow();
}

QString tst_SoriChatFiles::writeFile(const QString &name, const QByteArray &bytes) const
{
    const QString path = m_dataDir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

std::optional<Attachment> tst_SoriChatFiles::sendFromMina(RecordingClient &mina,
                                                          const QString &name,
                                                          const QByteArray &bytes,
                                                          const QString &text)
{
    FileTransfer transfer(&mina.client);
    QSignalSpy finished(&transfer, &FileTransfer::finished);
    QBuffer body;
    body.setData(bytes);
    body.open(QIODevice::ReadOnly);
    if (!transfer.upload(u"lobby"_s, name, &body) || !finished.wait(10'000))
        return {};
    const auto result = finished.first().first().value<FileTransfer::Result>();
    if (!result.ok)
        return {};
    const qsizetype before = mina.acks.size();
    mina.client.sendMessage(u"lobby"_s, text, 0, {result.file.id});
    if (!QTest::qWaitFor([&] { return mina.acks.size() > before; }, 5000))
        return {};
    return result.file;
}

std::optional<MessageEvent> tst_SoriChatFiles::lastWithFiles(const RecordingClient &client)
{
    for (auto it = client.messages.crbegin(); it != client.messages.crend(); ++it) {
        if (!it->attachments.isEmpty())
            return *it;
    }
    return {};
}

bool tst_SoriChatFiles::clickAttachment(int i)
{
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    if (!view || !view->model())
        return false;
    for (int row = view->model()->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = view->model()->index(row, 0);
        if (index.data(MessageListModel::AttachmentsRole).toList().isEmpty())
            continue;
        view->scrollTo(index);
        QStyleOptionViewItem option;
        option.initFrom(view);
        option.rect = view->visualRect(index);
        option.font = view->font();
        const QList<QRect> rects = view->messageDelegate()->attachmentRects(option, index);
        if (i >= rects.size())
            return false;
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rects.at(i).center());
        return true;
    }
    return false;
}

void tst_SoriChatFiles::attachedFilesGoWithTheMessage()
{
    QVERIFY(signInAs(u"kim"_s));
    auto mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    QVERIFY(mina);
    const QByteArray png = pngOf(QSize(64, 48), Qt::red);
    const QString image = writeFile(u"red.png"_s, png);
    const QString notes = writeFile(u"notes <b>1.txt"_s, "plain words\n");
    QVERIFY(!image.isEmpty() && !notes.isEmpty());

    m_window->attachFiles({image, notes});
    AttachmentBar *bar = lobbyBar();
    QVERIFY(bar);
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->names(), (QStringList{u"red.png"_s, u"notes <b>1.txt"_s}));
    QTRY_VERIFY(!bar->isUploading());
    QCOMPARE(bar->progressBar(0)->value(), bar->progressBar(0)->maximum());

    auto *composer = m_window->findChild<Composer *>(u"composer"_s);
    QVERIFY(composer);
    QTest::keyClicks(composer, u"two files"_s);
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_VERIFY(lastWithFiles(*mina));
    const MessageEvent got = *lastWithFiles(*mina);
    QCOMPARE(got.from, u"kim"_s);
    QCOMPARE(got.text, u"two files"_s);
    QCOMPARE(got.attachments.size(), 2);
    QCOMPARE(got.attachments.at(0).name, u"red.png"_s);
    QCOMPARE(got.attachments.at(0).type, u"image/png"_s);
    QCOMPARE(got.attachments.at(0).size, png.size());
    QVERIFY(got.attachments.at(0).thumbnail);
    QCOMPARE(got.attachments.at(0).width, 64);
    QCOMPARE(got.attachments.at(0).height, 48);
    QCOMPARE(got.attachments.at(1).name, u"notes <b>1.txt"_s);
    QVERIFY(!got.attachments.at(1).thumbnail);
    // The bar is empty again; the own row carries the files, delivered.
    QCOMPARE(bar->count(), 0);
    QVERIFY(!bar->isVisible());
    MessageListModel *model = m_session->messages(u"lobby"_s);
    const QModelIndex last = model->index(model->rowCount() - 1);
    QTRY_COMPARE(last.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
                 MessageListModel::Delivery::Delivered);
    QCOMPARE(last.data(MessageListModel::AttachmentsRole).toList().size(), 2);
    // A chip shows the name as text, with the size.
    QCOMPARE(MessageDelegate::fileLabel(
                 last.data(MessageListModel::AttachmentsRole).toList().at(1).toMap()),
             u"notes <b>1.txt · 12 bytes"_s);

    // Only files: Enter sends them with no text.
    m_window->attachFiles({notes});
    QTRY_VERIFY(bar->count() == 1 && !bar->isUploading());
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_VERIFY(lastWithFiles(*mina)->text.isEmpty());
    QCOMPARE(lastWithFiles(*mina)->attachments.size(), 1);
}

void tst_SoriChatFiles::aMessageWaitsForItsFilesAndACancelledOneStaysBehind()
{
    QVERIFY(signInAs(u"kim"_s));
    auto mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    QVERIFY(mina);
    QByteArray big(8 << 20, Qt::Uninitialized);
    QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(big.data()), big.size() / 4);
    const QString bigPath = writeFile(u"big.bin"_s, big);
    const QString small = writeFile(u"small.txt"_s, "small\n");
    // Too large for a message at all: refused at once, nothing goes up.
    const QString huge = writeFile(u"huge.bin"_s, QByteArray(AttachmentBar::MaxBytes + 1, 'x'));
    m_window->attachFiles({huge});
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"too large"_s));
    QVERIFY(!lobbyBar() || lobbyBar()->count() == 0);

    m_window->attachFiles({bigPath, small});
    AttachmentBar *bar = lobbyBar();
    QCOMPARE(bar->count(), 2);
    QVERIFY(bar->isUploading());
    // Cancelled before it is up: it goes from the bar and never with the message.
    bar->cancelButton(0)->click();
    QCOMPARE(bar->names(), QStringList{u"small.txt"_s});
    // Sent while the other is still going up: the message waits for it.
    auto *composer = m_window->findChild<Composer *>(u"composer"_s);
    QTest::keyClicks(composer, u"waited"_s);
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_VERIFY(lastWithFiles(*mina));
    QCOMPARE(lastWithFiles(*mina)->text, u"waited"_s);
    QCOMPARE(lastWithFiles(*mina)->attachments.size(), 1);
    QCOMPARE(lastWithFiles(*mina)->attachments.first().name, u"small.txt"_s);
    QCOMPARE(bar->count(), 0);
}

void tst_SoriChatFiles::droppedAndPastedFilesAreAttached()
{
    QVERIFY(signInAs(u"kim"_s));
    auto mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    QVERIFY(mina);
    const QString dropped = writeFile(u"dropped.txt"_s, "dropped\n");
    // Dropped on the messages.
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(dropped)});
    const QPoint at = view->viewport()->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
    QVERIFY(lobbyBar());
    QCOMPARE(lobbyBar()->names(), QStringList{u"dropped.txt"_s});
    // An image pasted into the composer.
    auto *composer = m_window->findChild<Composer *>(u"composer"_s);
    composer->setFocus();
    QImage image(30, 20, QImage::Format_RGB32);
    image.fill(Qt::blue);
    QGuiApplication::clipboard()->setImage(image);
    composer->paste();
    QCOMPARE(lobbyBar()->count(), 2);
    QVERIFY(lobbyBar()->names().at(1).startsWith(u"Pasted image "_s));
    QVERIFY(composer->toPlainText().isEmpty()); // the image is a file, not text
    // Text pasted stays text.
    QGuiApplication::clipboard()->setText(u"just words"_s);
    composer->paste();
    QCOMPARE(composer->toPlainText(), u"just words"_s);
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_VERIFY(lastWithFiles(*mina));
    const MessageEvent got = *lastWithFiles(*mina);
    QCOMPARE(got.text, u"just words"_s);
    QCOMPARE(got.attachments.size(), 2);
    QCOMPARE(got.attachments.at(1).type, u"image/png"_s);
    QCOMPARE(got.attachments.at(1).width, 30);
}

void tst_SoriChatFiles::anIncomingImageShowsItsThumbnailAndOpensWhole()
{
    QVERIFY(signInAs(u"kim"_s));
    auto mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    QVERIFY(mina);
    const auto file =
        sendFromMina(*mina, u"green.png"_s, pngOf(QSize(400, 300), Qt::green), u"look"_s);
    QVERIFY(file);
    // The thumbnail is fetched for the row shown, and drawn.
    QTRY_VERIFY(m_session->files()->hasThumbnail(file->id));
    const QImage thumb = m_session->files()->thumbnail(file->id);
    QCOMPARE(thumb.size(), QSize(320, 240)); // the server's, at most 320 a side
    QCOMPARE(thumb.pixelColor(10, 10), QColor(Qt::green));
    QCOMPARE(MessageDelegate::thumbnailSize({{u"width"_s, 400}, {u"height"_s, 300}}, 600),
             QSize(320, 240));
    // A click opens it whole.
    QVERIFY(clickAttachment(0));
    ImageViewer *viewer = nullptr;
    QTRY_VERIFY((viewer = m_window->findChild<ImageViewer *>()));
    QCOMPARE(viewer->windowTitle(), u"green.png"_s);
    QTRY_COMPARE(viewer->image().size(), QSize(400, 300));
    viewer->close();
}

void tst_SoriChatFiles::anIncomingFileIsSavedWhereAsked()
{
    QVERIFY(signInAs(u"kim"_s));
    auto mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    QVERIFY(mina);
    QByteArray bytes;
    for (int i = 0; i < 5000; ++i)
        bytes += QByteArray::number(i) + ',';
    const auto file = sendFromMina(*mina, u"numbers.csv"_s, bytes, QString());
    QVERIFY(file);
    QVERIFY(!file->thumbnail);
    QTRY_VERIFY(clickAttachment(0));
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>(u"saveAttachmentDialog"_s)));
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    const QString path = m_dataDir->filePath(u"saved.csv"_s);
    Q_EMIT dialog->fileSelected(path);
    dialog->close();
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"Saved saved.csv."_s);
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), bytes);
}

void tst_SoriChatFiles::guestsAttachNothing()
{
    QVERIFY(signInAsGuest(u"jun"_s));
    auto *button = m_window->findChild<QToolButton *>(u"attachButton"_s);
    QVERIFY(button);
    QVERIFY(!button->isVisible());
    QVERIFY(!m_window->findChild<QAction *>(u"attachFiles"_s)->isEnabled());
    m_window->attachFiles({writeFile(u"a.txt"_s, "a")});
    QCOMPARE(m_window->statusBar()->currentMessage(),
             u"Files can be sent only when signed in with an account."_s);
    QVERIFY(!lobbyBar());
    // A pasted image is refused the same way; the composer keeps nothing of it.
    auto *composer = m_window->findChild<Composer *>(u"composer"_s);
    QImage image(10, 10, QImage::Format_RGB32);
    image.fill(Qt::black);
    QGuiApplication::clipboard()->setImage(image);
    composer->paste();
    QVERIFY(!lobbyBar());
    QVERIFY(composer->toPlainText().isEmpty());
}

void tst_SoriChatFiles::signingOutDropsFilesNotSent()
{
    QVERIFY(signInAs(u"kim"_s));
    m_window->attachFiles({writeFile(u"left.txt"_s, "left behind")});
    AttachmentBar *bar = lobbyBar();
    QVERIFY(bar);
    QTRY_VERIFY(bar->count() == 1 && !bar->isUploading());
    // Files of kim's must not go with somebody else's next message.
    m_session->signOut();
    QTRY_COMPARE(bar->count(), 0);
    QVERIFY(!bar->isVisible());
}

QTEST_MAIN(tst_SoriChatFiles)
#include "tst_sorichatfiles.moc"
