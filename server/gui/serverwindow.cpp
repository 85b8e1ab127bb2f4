// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "gui/serverwindow.h"

#include "core/chatserver.h"
#include "gui/actiondialogs.h"
#include "gui/connectionmodel.h"
#include "gui/guisettings.h"
#include "gui/labels.h"
#include "gui/logmodel.h"
#include "gui/roommodel.h"
#include "gui/statschart.h"
#include "widgets/moderationsource.h"
#include "widgets/moderationviews.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtCore/QSortFilterProxyModel>
#include <QtGui/QCloseEvent>
#include <QtGui/QPainter>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QStyledItemDelegate>
#include <QtWidgets/QSystemTrayIcon>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QToolBar>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QTreeView>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::server::gui {

namespace {

// The moderation views (shared with sori-chat) over the Monitor: the operator's own reads and
// actions.
class MonitorModeration final : public widgets::ModerationSource
{
public:
    MonitorModeration(Monitor *monitor, QObject *parent)
        : ModerationSource(parent), m_monitor(monitor)
    {
        connect(monitor, &Monitor::sanctionsListed, this, &ModerationSource::sanctionsListed);
        connect(monitor, &Monitor::auditRead, this, &ModerationSource::auditRead);
        connect(monitor, &Monitor::actionFinished, this,
                [this](const QString &action, bool ok, const QString &) {
                    Q_EMIT actionFinished(action, ok);
                });
    }

    void listSanctions(const QString &after) override { m_monitor->listSanctions(after); }
    void lift(const protocol::SanctionInfo &sanction) override
    {
        // The Monitor takes a name or an address in one field, as the operator types them.
        m_monitor->lift(sanction.kind, sanction.user.isEmpty() ? sanction.address : sanction.user,
                        sanction.room);
    }
    void readAudit(const protocol::ReadAudit &filter) override { m_monitor->readAudit(filter); }

private:
    Monitor *const m_monitor;
};

// The name column of "Online now": a user with several connections gets a mark saying how many,
// and a coloured bar on the left shared by its rows, so that they read as one user.
class UserNameDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const int count = index.data(ConnectionModel::UserConnectionsRole).toInt();
        if (count > 1)
            option->text = ServerWindow::tr("%1  (%n connections)", "", count).arg(option->text);
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        if (index.data(ConnectionModel::UserConnectionsRole).toInt() > 1) {
            const QString name = index.data(ConnectionModel::UserNameRole).toString();
            QColor color = QColor::fromHsv(int(qHash(name.toCaseFolded()) % 360), 160, 200);
            painter->fillRect(QRect(option.rect.left(), option.rect.top(), 4, option.rect.height()),
                              color);
        }
    }
};

// The application's icon, drawn (no image plug-in needed): a speech bubble with a wave.
QIcon drawnIcon()
{
    QIcon icon;
    for (int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0x1e, 0x88, 0xe5));
        const qreal s = size;
        painter.drawRoundedRect(QRectF(s * 0.06, s * 0.08, s * 0.88, s * 0.68), s * 0.2, s * 0.2);
        QPolygonF tail;
        tail << QPointF(s * 0.25, s * 0.7) << QPointF(s * 0.2, s * 0.95)
             << QPointF(s * 0.5, s * 0.72);
        painter.drawPolygon(tail);
        painter.setPen(QPen(Qt::white, qMax(1.5, s * 0.08), Qt::SolidLine, Qt::RoundCap));
        for (int i = 0; i < 3; ++i) {
            const qreal x = s * (0.32 + 0.18 * i);
            const qreal h = s * (i == 1 ? 0.2 : 0.11);
            painter.drawLine(QPointF(x, s * 0.42 - h), QPointF(x, s * 0.42 + h));
        }
        icon.addPixmap(pixmap);
    }
    return icon;
}

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString listenText(const ListenState &state)
{
    if (!state.listening)
        return ServerWindow::tr("Not listening");
    const QString address = state.address == QHostAddress::Any ? ServerWindow::tr("every address")
                                                               : state.address.toString();
    return ServerWindow::tr("Listening on %1, port %2").arg(address).arg(state.port);
}

} // namespace

ServerWindow::ServerWindow(ChatServer *server, const LogBuffer *log, GuiSettings *settings,
                           QWidget *parent)
    : QMainWindow(parent)
    , m_server(server)
    , m_logBuffer(log)
    , m_settings(settings)
    , m_monitor(new Monitor(server, this))
    , m_connections(new ConnectionModel(this))
    , m_onlineProxy(new ConnectionFilterModel(this))
    , m_rooms(new RoomModel(this))
    , m_roomProxy(new QSortFilterProxyModel(this))
    , m_members(new RoomMemberModel(this))
    , m_log(new LogModel(log ? log->capacity() : 5000, this))
    , m_logFilter(new LogFilterModel(this))
{
    m_uptime.start();
    setWindowTitle(tr("Sori server"));
    setWindowIcon(drawnIcon());

    m_onlineProxy->setSourceModel(m_connections);
    m_roomProxy->setSourceModel(m_rooms);
    m_roomProxy->setSortRole(RoomModel::SortRole);
    m_roomProxy->setFilterKeyColumn(RoomModel::Name);
    m_roomProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_logFilter->setSourceModel(m_log);

    buildMenus();
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildOnlineTab(), tr("Online now"));
    m_tabs->addTab(buildRoomsTab(), tr("Rooms"));
    m_tabs->addTab(buildLogTab(), tr("Live log"));
    m_tabs->addTab(buildStatsTab(), tr("Stats"));
    auto *moderation = new MonitorModeration(m_monitor, this);
    m_sanctionsView = new widgets::SanctionsView(moderation, m_tabs);
    m_tabs->addTab(m_sanctionsView, tr("Sanctions"));
    m_auditView = new widgets::AuditView(moderation, m_tabs);
    m_tabs->addTab(m_auditView, tr("Audit log"));
    // Both are read from the database when shown, not with every snapshot.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_sanctionsView)
            m_sanctionsView->refresh();
        else if (m_tabs->widget(index) == m_auditView)
            m_auditView->refresh();
    });
    setCentralWidget(m_tabs);

    m_listenLabel = valueLabel(this);
    m_tlsLabel = valueLabel(this);
    m_databaseLabel = valueLabel(this);
    m_workersLabel = valueLabel(this);
    statusBar()->addPermanentWidget(m_listenLabel);
    statusBar()->addPermanentWidget(m_tlsLabel);
    statusBar()->addPermanentWidget(m_workersLabel);
    statusBar()->addPermanentWidget(m_databaseLabel);
    onListenStateChanged(m_monitor->listenState());

    buildTray();

    connect(m_monitor, &Monitor::snapshotReady, this, &ServerWindow::onSnapshot);
    connect(m_monitor, &Monitor::actionFinished, this, &ServerWindow::onActionFinished);
    connect(m_monitor, &Monitor::listenStateChanged, this, &ServerWindow::onListenStateChanged);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ServerWindow::refresh);
    // The live log follows the buffer as records come (the buffer coalesces its signals).
    if (m_logBuffer)
        connect(m_logBuffer, &LogBuffer::appended, this, &ServerWindow::readLog);
    m_refreshTimer.start(250);

    const QByteArray geometry = m_settings->windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(980, 600);
    updateSelectionActions();
    refresh();
}

ServerWindow::~ServerWindow()
{
    m_refreshTimer.stop();
    // The monitor goes first (it waits for a snapshot on its way); the server outlives it.
    delete m_monitor;
    m_monitor = nullptr;
}

void ServerWindow::setRefreshInterval(int ms)
{
    m_refreshTimer.start(ms);
}

void ServerWindow::refresh()
{
    m_monitor->requestSnapshot();
}

void ServerWindow::buildMenus()
{
    m_kick = new QAction(tr("&Kick…"), this);
    m_kick->setToolTip(tr("Disconnect the selected user (every connection) with a reason"));
    m_ban = new QAction(tr("&Ban…"), this);
    m_mute = new QAction(tr("&Mute…"), this);
    m_revoke = new QAction(tr("&Revoke sign-ins…"), this);
    m_revoke->setToolTip(tr("Sign the selected account out everywhere; its tokens stop working"));
    m_createRoom = new QAction(tr("&Create room…"), this);
    m_announce = new QAction(tr("&Announce…"), this);
    m_deleteMessage = new QAction(tr("&Delete message…"), this);
    m_archiveRoom = new QAction(tr("A&rchive room…"), this);
    m_archiveRoom->setToolTip(
        tr("Make the selected room read-only: no new messages, no new members"));
    m_deleteRoom = new QAction(tr("Delete &room…"), this);
    m_deleteRoom->setToolTip(
        tr("Delete the selected room and its messages for everybody; its members are told"));
    m_setTopic = new QAction(tr("Set &topic…"), this);
    m_setTopic->setToolTip(tr("Give the selected room a new topic; its members see it at once"));
    m_renameRoom = new QAction(tr("Re&name room…"), this);
    m_renameRoom->setToolTip(
        tr("Give the selected room a new name; its history and members go with it"));
    m_unarchiveRoom = new QAction(tr("&Unarchive room…"), this);
    m_unarchiveRoom->setToolTip(tr("Let the selected archived room take messages again"));
    m_removeMember = new QAction(tr("Remove &member…"), this);
    m_removeMember->setToolTip(
        tr("Take somebody out of the selected private room; they cannot come back unless "
           "invited again"));
    m_promote = new QAction(tr("&Promote to moderator…"), this);
    m_promote->setToolTip(tr("Let the selected account moderate"));
    m_demote = new QAction(tr("&Demote to member…"), this);
    m_demote->setToolTip(tr("The selected moderator no longer moderates"));
    m_stopListening = new QAction(tr("S&top listening"), this);
    m_stopListening->setToolTip(tr("Take no new connections; the open ones stay"));
    m_startListening = new QAction(tr("&Start listening"), this);
    m_listenOn = new QAction(tr("&Listen on…"), this);
    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);

    connect(m_kick, &QAction::triggered, this, &ServerWindow::kickSelected);
    connect(m_ban, &QAction::triggered, this, &ServerWindow::banSelected);
    connect(m_mute, &QAction::triggered, this, &ServerWindow::muteSelected);
    connect(m_revoke, &QAction::triggered, this, &ServerWindow::revokeSelected);
    connect(m_createRoom, &QAction::triggered, this, &ServerWindow::createRoom);
    connect(m_announce, &QAction::triggered, this, &ServerWindow::announce);
    connect(m_deleteMessage, &QAction::triggered, this, &ServerWindow::deleteMessage);
    connect(m_archiveRoom, &QAction::triggered, this, &ServerWindow::archiveSelectedRoom);
    connect(m_deleteRoom, &QAction::triggered, this, &ServerWindow::deleteSelectedRoom);
    connect(m_setTopic, &QAction::triggered, this, &ServerWindow::setTopicOfSelectedRoom);
    connect(m_renameRoom, &QAction::triggered, this, &ServerWindow::renameSelectedRoom);
    connect(m_unarchiveRoom, &QAction::triggered, this, &ServerWindow::unarchiveSelectedRoom);
    connect(m_removeMember, &QAction::triggered, this, &ServerWindow::removeMemberOfSelectedRoom);
    connect(m_promote, &QAction::triggered, this,
            [this] { setRoleOfSelected(protocol::Role::Moderator); });
    connect(m_demote, &QAction::triggered, this,
            [this] { setRoleOfSelected(protocol::Role::Member); });
    connect(m_stopListening, &QAction::triggered, this, &ServerWindow::stopListening);
    connect(m_startListening, &QAction::triggered, this, &ServerWindow::startListening);
    connect(m_listenOn, &QAction::triggered, this, &ServerWindow::listenOn);
    connect(m_quit, &QAction::triggered, this, [this] {
        const auto answer = QMessageBox::question(
            this, tr("Quit"),
            tr("Stop the server? Every client is disconnected with \"server shutting down\"."),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer == QMessageBox::Yes) {
            m_quitting = true;
            Q_EMIT quitRequested();
        }
    });

    QMenu *serverMenu = menuBar()->addMenu(tr("&Server"));
    serverMenu->addAction(m_startListening);
    serverMenu->addAction(m_stopListening);
    serverMenu->addAction(m_listenOn);
    serverMenu->addSeparator();
    serverMenu->addAction(m_quit);
    QMenu *userMenu = menuBar()->addMenu(tr("&User"));
    userMenu->addAction(m_kick);
    userMenu->addAction(m_ban);
    userMenu->addAction(m_mute);
    userMenu->addAction(m_revoke);
    userMenu->addSeparator();
    userMenu->addAction(m_promote);
    userMenu->addAction(m_demote);
    QMenu *roomMenu = menuBar()->addMenu(tr("&Rooms"));
    roomMenu->addAction(m_createRoom);
    roomMenu->addAction(m_announce);
    roomMenu->addAction(m_deleteMessage);
    roomMenu->addSeparator();
    roomMenu->addAction(m_setTopic);
    roomMenu->addAction(m_renameRoom);
    roomMenu->addAction(m_removeMember);
    roomMenu->addSeparator();
    roomMenu->addAction(m_archiveRoom);
    roomMenu->addAction(m_unarchiveRoom);
    roomMenu->addAction(m_deleteRoom);
}

QString ServerWindow::untilText(int minutes)
{
    if (minutes <= 0)
        return {};
    return Labels::dateTime(QDateTime::currentDateTime().addSecs(qint64(minutes) * 60));
}

QWidget *ServerWindow::buildOnlineTab()
{
    auto *page = new QWidget(this);
    // Says what it looks in; the rooms are left out (a name would list everybody in a
    // conversation with that person), and the cells it matched are highlighted.
    m_onlineFilter = new QLineEdit(page);
    m_onlineFilter->setObjectName(u"onlineFilter"_s);
    m_onlineFilter->setPlaceholderText(tr("Filter by name, role, client or address"));
    m_onlineFilter->setToolTip(
        tr("Shows the people whose name, role, client or address contains this text; what "
           "matched is highlighted. Rooms are not searched: see the Rooms tab."));
    m_onlineFilter->setClearButtonEnabled(true);
    connect(m_onlineFilter, &QLineEdit::textChanged, m_onlineProxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_onlineView = widgets::listView(page);
    m_onlineView->setObjectName(u"onlineView"_s);
    m_onlineView->setModel(m_onlineProxy);
    m_onlineView->setSortingEnabled(true);
    m_onlineView->sortByColumn(ConnectionModel::Name, Qt::AscendingOrder);
    m_onlineView->setItemDelegateForColumn(ConnectionModel::Name,
                                           new UserNameDelegate(m_onlineView));
    m_onlineView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_onlineView->addActions({m_kick, m_ban, m_mute, m_revoke, m_promote, m_demote});
    m_onlineView->header()->resizeSection(ConnectionModel::Name, 170);
    m_onlineView->header()->resizeSection(ConnectionModel::Address, 120);
    m_onlineView->header()->resizeSection(ConnectionModel::Rooms, 140);
    connect(m_onlineView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServerWindow::updateSelectionActions);

    auto *bar = new QHBoxLayout;
    for (QAction *action : {m_kick, m_ban, m_mute, m_revoke}) {
        auto *button = new QToolButton(page);
        button->setDefaultAction(action);
        bar->addWidget(button);
    }
    bar->addStretch();
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_onlineFilter);
    layout->addWidget(m_onlineView);
    layout->addLayout(bar);
    return page;
}

QWidget *ServerWindow::buildRoomsTab()
{
    auto *page = new QWidget(this);
    m_roomFilter = new QLineEdit(page);
    m_roomFilter->setObjectName(u"roomFilter"_s);
    m_roomFilter->setPlaceholderText(tr("Filter by room name"));
    m_roomFilter->setClearButtonEnabled(true);
    connect(m_roomFilter, &QLineEdit::textChanged, m_roomProxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_roomView = widgets::listView(page);
    m_roomView->setObjectName(u"roomView"_s);
    m_roomView->setModel(m_roomProxy);
    m_roomView->setSortingEnabled(true);
    m_roomView->sortByColumn(RoomModel::Name, Qt::AscendingOrder);
    connect(m_roomView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServerWindow::updateMembers);
    connect(m_roomView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServerWindow::updateSelectionActions);
    m_roomView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_roomView->addActions(
        {m_setTopic, m_renameRoom, m_removeMember, m_archiveRoom, m_unarchiveRoom, m_deleteRoom});

    auto *side = new QWidget(page);
    m_memberTitle = new QLabel(tr("Select a room to see who is in it."), side);
    m_memberTitle->setTextFormat(Qt::PlainText);
    m_memberView = new QListView(side);
    m_memberView->setModel(m_members);
    m_memberView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_memberTitle);
    sideLayout->addWidget(m_memberView);

    auto *splitter = new QSplitter(page);
    splitter->addWidget(m_roomView);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *bar = new QHBoxLayout;
    for (QAction *action :
         {m_createRoom, m_announce, m_deleteMessage, m_archiveRoom, m_deleteRoom}) {
        auto *button = new QToolButton(page);
        button->setDefaultAction(action);
        bar->addWidget(button);
    }
    bar->addStretch();
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_roomFilter);
    layout->addWidget(splitter);
    layout->addLayout(bar);
    return page;
}

QWidget *ServerWindow::buildLogTab()
{
    auto *page = new QWidget(this);
    auto *filter = new QLineEdit(page);
    filter->setPlaceholderText(tr("Filter by category or text"));
    filter->setClearButtonEnabled(true);
    connect(filter, &QLineEdit::textChanged, m_logFilter, &LogFilterModel::setText);
    auto *level = new QComboBox(page);
    level->addItem(tr("Everything"), 0);
    level->addItem(tr("Information and above"), 1);
    level->addItem(tr("Warnings and errors"), 2);
    connect(level, &QComboBox::currentIndexChanged, this,
            [this, level] { m_logFilter->setMinimumSeverity(level->currentData().toInt()); });
    m_logView = widgets::listView(page);
    m_logView->setObjectName(u"logView"_s);
    m_logView->setModel(m_logFilter);
    m_logView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_logView->header()->resizeSection(LogModel::Time, 100);
    m_logView->header()->resizeSection(LogModel::Level, 70);
    m_logView->header()->resizeSection(LogModel::Category, 130);
    auto *top = new QHBoxLayout;
    top->addWidget(filter, 1);
    top->addWidget(level);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(m_logView);
    return page;
}

QWidget *ServerWindow::buildStatsTab()
{
    auto *page = new QWidget(this);
    m_chart = new StatsChart(&m_history, page);
    m_onlineCount = valueLabel(page);
    m_inRate = valueLabel(page);
    m_outRate = valueLabel(page);
    m_inTotal = valueLabel(page);
    m_outTotal = valueLabel(page);
    m_acceptedTotal = valueLabel(page);
    m_refusedTotal = valueLabel(page);
    m_refusedTotal->setObjectName(QStringLiteral("refusedTotal"));
    m_uptimeLabel = valueLabel(page);
    auto *form = new QFormLayout;
    form->addRow(tr("Connections now:"), m_onlineCount);
    form->addRow(tr("Messages in per second:"), m_inRate);
    form->addRow(tr("Deliveries out per second:"), m_outRate);
    form->addRow(tr("Messages in, in all:"), m_inTotal);
    form->addRow(tr("Deliveries out, in all:"), m_outTotal);
    form->addRow(tr("Connections accepted, in all:"), m_acceptedTotal);
    form->addRow(tr("Refused at a connection cap, in all:"), m_refusedTotal);
    form->addRow(tr("Up for:"), m_uptimeLabel);
    auto *layout = new QHBoxLayout(page);
    layout->addWidget(m_chart, 1);
    layout->addLayout(form);
    return page;
}

void ServerWindow::buildTray()
{
    m_showHide = new QAction(tr("Show or hide the window"), this);
    connect(m_showHide, &QAction::triggered, this, [this] {
        if (isVisible() && !isMinimized()) {
            hide();
        } else {
            showNormal();
            raise();
            activateWindow();
        }
    });
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    auto *menu = new QMenu(this);
    menu->addAction(m_showHide);
    menu->addSeparator();
    menu->addAction(m_quit);
    m_tray->setContextMenu(menu);
    m_tray->setToolTip(tr("Sori server"));
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger)
            m_showHide->trigger();
    });
    m_tray->show();
}

void ServerWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    if (m_quitting || !m_askOnClose) {
        event->accept();
        return;
    }
    if (m_tray && m_tray->isVisible()) {
        QMessageBox box(QMessageBox::Question, tr("Close the window"),
                        tr("Keep serving in the tray? The clients stay connected; the tray icon "
                           "brings the window back."),
                        QMessageBox::NoButton, this);
        QPushButton *keep = box.addButton(tr("Keep serving"), QMessageBox::AcceptRole);
        QPushButton *stop =
            box.addButton(tr("Stop the server and quit"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(keep);
        box.exec();
        if (box.clickedButton() == keep) {
            hide();
            m_tray->showMessage(tr("Sori server"),
                                tr("Still serving; %n online.", "", m_onlineNow));
        } else if (box.clickedButton() == stop) {
            m_quitting = true;
            Q_EMIT quitRequested();
        }
        event->ignore();
        return;
    }
    const auto answer = QMessageBox::question(
        this, tr("Close the window"),
        tr("Closing the window stops the server. Every client is disconnected with \"server "
           "shutting down\". Stop the server?"),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes) {
        m_quitting = true;
        Q_EMIT quitRequested();
    }
    event->ignore();
}

void ServerWindow::onSnapshot(const MonitorSnapshot &snapshot)
{
    m_connections->update(snapshot.connections);
    m_rooms->update(snapshot.rooms);
    updateMembers();
    if (m_history.add(snapshot))
        m_chart->update();
    updateStatsLabels(snapshot);
    m_onlineNow = int(snapshot.connections.size());
    m_tabs->setTabText(0, tr("Online now (%1)").arg(m_onlineNow));
    if (m_tray)
        m_tray->setToolTip(tr("Sori server: %n online", "", m_onlineNow));
    updateSelectionActions();
    Q_EMIT snapshotShown();
}

void ServerWindow::updateStatsLabels(const MonitorSnapshot &snapshot)
{
    const QLocale locale;
    m_onlineCount->setText(locale.toString(snapshot.connections.size()));
    const auto &samples = m_history.samples();
    const double in = samples.isEmpty() ? 0 : samples.constLast().messagesInPerSecond;
    const double out = samples.isEmpty() ? 0 : samples.constLast().deliveriesOutPerSecond;
    m_inRate->setText(locale.toString(in, 'f', 1));
    m_outRate->setText(locale.toString(out, 'f', 1));
    m_inTotal->setText(locale.toString(snapshot.totals.messagesIn));
    m_outTotal->setText(locale.toString(snapshot.totals.deliveriesOut));
    m_acceptedTotal->setText(locale.toString(snapshot.totals.connectionsAccepted));
    m_refusedTotal->setText(locale.toString(snapshot.totals.connectionsRefused));
    m_refusedTotal->setToolTip(
        tr("New connections closed at once because a cap in [limits] was reached; the log says "
           "which. Open now: %1 of at most %2.")
            .arg(locale.toString(snapshot.totals.connectionsOpen),
                 locale.toString(snapshot.totals.connectionCap)));
    m_uptimeLabel->setText(Labels::duration(m_uptime.elapsed() / 1000));
}

void ServerWindow::readLog()
{
    if (!m_logBuffer)
        return;
    QScrollBar *bar = m_logView->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    const qsizetype before = m_log->rowCount();
    m_log->append(m_logBuffer->since(m_log->lastSeq()));
    if (atEnd && m_log->rowCount() != before)
        m_logView->scrollToBottom();
}

void ServerWindow::onListenStateChanged(const ListenState &state)
{
    m_listenLabel->setText(listenText(state));
    if (!state.tls) {
        m_tlsLabel->setText(tr("TLS off"));
        m_tlsLabel->setToolTip(tr("Connections are not encrypted (http://, ws://)."));
    } else {
        const QString until =
            QLocale().toString(state.tlsNotAfter.toLocalTime().date(), QLocale::ShortFormat);
        m_tlsLabel->setText(state.tlsSelfSigned ? tr("TLS on (self-signed), until %1").arg(until)
                                                : tr("TLS on, until %1").arg(until));
        QString tip = tr("Certificate SHA-256 fingerprint:\n%1").arg(state.tlsFingerprint);
        if (state.redirectPort != 0)
            tip +=
                u'\n' + tr("Plain HTTP on port %1 is redirected to HTTPS.").arg(state.redirectPort);
        m_tlsLabel->setToolTip(tip);
    }
    m_workersLabel->setText(tr("%n worker thread(s)", "", state.workers));
    m_databaseLabel->setText(tr("Database: %1").arg(state.databasePath));
    m_stopListening->setEnabled(state.listening);
    m_startListening->setEnabled(!state.listening);
}

void ServerWindow::onActionFinished(const QString &action, bool ok, const QString &message)
{
    static const QHash<QString, const char *> done = {
        {u"kick"_s, QT_TR_NOOP("Kicked.")},
        {u"ban"_s, QT_TR_NOOP("Banned.")},
        {u"mute"_s, QT_TR_NOOP("Muted.")},
        {u"revoke_tokens"_s, QT_TR_NOOP("Sign-ins revoked.")},
        {u"delete"_s, QT_TR_NOOP("Message deleted.")},
        {u"create_room"_s, QT_TR_NOOP("Room created.")},
        {u"announce"_s, QT_TR_NOOP("Announcement sent.")},
        {u"stop_listening"_s, QT_TR_NOOP("No longer listening; open connections stay.")},
        {u"start_listening"_s, QT_TR_NOOP("Listening.")},
        {u"lift"_s, QT_TR_NOOP("Lifted.")},
        {u"set_topic"_s, QT_TR_NOOP("Topic set.")},
        {u"set_role"_s, QT_TR_NOOP("Role changed.")},
        {u"rename_room"_s, QT_TR_NOOP("Room renamed.")},
        {u"archive_room"_s, QT_TR_NOOP("Room archived.")},
        {u"unarchive_room"_s, QT_TR_NOOP("Room unarchived.")},
        {u"remove_member"_s, QT_TR_NOOP("Member removed.")},
    };
    // What the window itself asked for says who and until when; the rest the generic words.
    const QString asked = m_doneText.take(action);
    if (ok) {
        const QString text = asked.isEmpty() ? tr(done.value(action, QT_TR_NOOP("Done."))) : asked;
        statusBar()->showMessage(text, 8000);
        Q_EMIT actionResultShown(text, true);
        refresh();
        return;
    }
    const QString text = tr("It did not work: %1").arg(Labels::localTimes(message));
    statusBar()->showMessage(text, 15000);
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Sori server"), text, QMessageBox::Ok, this);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT actionResultShown(text, false);
}

const ConnectionView *ServerWindow::selectedConnection() const
{
    const QModelIndexList rows = m_onlineView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return m_connections->connectionAt(m_onlineProxy->mapToSource(rows.first()).row());
}

std::optional<ServerWindow::Target> ServerWindow::selectedTarget() const
{
    const ConnectionView *selected = selectedConnection();
    if (!selected)
        return std::nullopt;
    Target target{selected->name, selected->address, selected->role, {}};
    for (int row = 0; row < m_connections->rowCount(); ++row) {
        const ConnectionView *other = m_connections->connectionAt(row);
        if (other->address == target.address
            && other->name.compare(target.name, Qt::CaseInsensitive) != 0
            && !target.othersAtAddress.contains(other->name))
            target.othersAtAddress.append(other->name);
    }
    target.othersAtAddress.sort(Qt::CaseInsensitive);
    return target;
}

QString ServerWindow::selectedRoom() const
{
    const QModelIndexList rows = m_roomView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(RoomModel::RoomNameRole).toString();
}

QStringList ServerWindow::roomNames() const
{
    QStringList names;
    for (int row = 0; row < m_rooms->rowCount(); ++row) {
        const RoomView *room = m_rooms->roomAt(row);
        if (room->kind != protocol::RoomKind::Direct)
            names.append(room->name);
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

void ServerWindow::updateSelectionActions()
{
    const ConnectionView *selected = selectedConnection();
    const bool any = selected != nullptr;
    m_kick->setEnabled(any);
    m_ban->setEnabled(any);
    m_mute->setEnabled(any);
    m_revoke->setEnabled(any && selected->role != protocol::Role::Guest);
    // Roles are the accounts' (an admin's is not changed here: sori-server --create-account).
    m_promote->setEnabled(any && selected->role == protocol::Role::Member);
    m_demote->setEnabled(any && selected->role == protocol::Role::Moderator);
    const bool room = !selectedRoom().isEmpty();
    m_archiveRoom->setEnabled(room);
    m_deleteRoom->setEnabled(room);
    const RoomView *view = selectedRoomView();
    const bool open = view && view->kind != protocol::RoomKind::Direct;
    m_setTopic->setEnabled(open && !view->archived);
    m_renameRoom->setEnabled(open);
    m_unarchiveRoom->setEnabled(open && view->archived);
    m_removeMember->setEnabled(view && view->kind == protocol::RoomKind::Private);
}

void ServerWindow::updateMembers()
{
    const QString room = selectedRoom();
    const int row = m_rooms->rowOfRoom(room);
    const RoomView *view = m_rooms->roomAt(row);
    m_members->setMembers(room, view ? view->online : QStringList());
    m_memberTitle->setText(room.isEmpty()
                               ? tr("Select a room to see who is in it.")
                               : tr("Online in %1: %2").arg(room).arg(m_members->rowCount()));
}

void ServerWindow::kickSelected()
{
    const auto target = selectedTarget();
    if (!target)
        return;
    const QString user = target->name;
    QInputDialog dialog(this);
    dialog.setWindowTitle(tr("Kick %1?").arg(user));
    dialog.setLabelText(
        tr("Kick %1? Every connection of %1 is closed; they may come back at once.\n"
           "Reason (shown to them, optional):")
            .arg(user));
    dialog.setOkButtonText(tr("Kick %1").arg(user));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_monitor->kick(user, dialog.textValue().trimmed());
}

void ServerWindow::banSelected()
{
    const auto target = selectedTarget();
    if (!target)
        return;
    BanDialog dialog(target->name, target->address, target->othersAtAddress, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString until = untilText(dialog.minutes());
    m_doneText.insert(u"ban"_s,
                      until.isEmpty() ? tr("Banned %1 for good.").arg(dialog.target())
                                      : tr("Banned %1 until %2.").arg(dialog.target(), until));
    m_monitor->ban(dialog.target(), dialog.minutes(), dialog.reason());
}

void ServerWindow::muteSelected()
{
    const auto target = selectedTarget();
    if (!target)
        return;
    MuteDialog dialog(target->name, roomNames(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString until = untilText(dialog.minutes());
    const QString where = dialog.room();
    QString done;
    if (where.isEmpty())
        done = until.isEmpty() ? tr("Muted %1 everywhere for good.").arg(target->name)
                               : tr("Muted %1 everywhere until %2.").arg(target->name, until);
    else
        done = until.isEmpty() ? tr("Muted %1 in %2 for good.").arg(target->name, where)
                               : tr("Muted %1 in %2 until %3.").arg(target->name, where, until);
    m_doneText.insert(u"mute"_s, done);
    m_monitor->mute(target->name, dialog.room(), dialog.minutes(), dialog.reason());
}

void ServerWindow::revokeSelected()
{
    const auto target = selectedTarget();
    if (!target)
        return;
    const QString user = target->name;
    QMessageBox box(QMessageBox::Question, tr("Revoke the sign-ins of %1?").arg(user),
                    tr("Sign %1 out everywhere? Every connection of the account is closed and "
                       "its saved sign-ins stop working; the password stays.")
                        .arg(user),
                    QMessageBox::Cancel, this);
    box.setTextFormat(Qt::PlainText);
    QPushButton *revoke =
        box.addButton(tr("Revoke the sign-ins of %1").arg(user), QMessageBox::YesRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == revoke)
        m_monitor->revokeTokens(user);
}

void ServerWindow::createRoom()
{
    CreateRoomDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_monitor->createRoom(dialog.name(), dialog.kind(), dialog.topic());
}

void ServerWindow::archiveSelectedRoom()
{
    const QString room = selectedRoom();
    if (room.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Archive a room"),
        tr("Archive the room %1? Nobody can post in it or join it any more; its members can "
           "still read its history.")
            .arg(room),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_monitor->archiveRoom(room);
}

void ServerWindow::deleteSelectedRoom()
{
    const QString room = selectedRoom();
    if (room.isEmpty())
        return;
    const auto answer = QMessageBox::warning(
        this, tr("Delete a room"),
        tr("Delete the room %1 for everybody? Its members are taken out of it and all its "
           "messages are deleted for good.")
            .arg(room),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_monitor->deleteRoom(room, {});
}

const RoomView *ServerWindow::selectedRoomView() const
{
    const QString room = selectedRoom();
    return room.isEmpty() ? nullptr : m_rooms->roomAt(m_rooms->rowOfRoom(room));
}

void ServerWindow::setTopicOfSelectedRoom()
{
    const RoomView *view = selectedRoomView();
    if (!view)
        return;
    const QString room = view->name; // copied: the dialog outlives the snapshot
    QInputDialog dialog(this);
    dialog.setWindowTitle(tr("Topic of %1").arg(room));
    dialog.setLabelText(tr("New topic of %1 (empty: none):").arg(room));
    dialog.setTextValue(view->topic);
    dialog.setOkButtonText(tr("Set topic"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_monitor->setTopic(room, dialog.textValue().trimmed());
}

void ServerWindow::renameSelectedRoom()
{
    const QString room = selectedRoom();
    if (room.isEmpty())
        return;
    QInputDialog dialog(this);
    dialog.setWindowTitle(tr("Rename %1").arg(room));
    dialog.setLabelText(
        tr("New name of %1? Its members, history and invitations go with it; links to the old "
           "name stop working.")
            .arg(room));
    dialog.setTextValue(room);
    dialog.setOkButtonText(tr("Rename"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString name = dialog.textValue().trimmed();
    if (name.isEmpty() || name == room)
        return;
    m_doneText.insert(u"rename_room"_s, tr("Renamed %1 to %2.").arg(room, name));
    m_monitor->renameRoom(room, name);
}

void ServerWindow::unarchiveSelectedRoom()
{
    const QString room = selectedRoom();
    if (room.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Unarchive a room"),
        tr("Unarchive the room %1? Its members can post in it again and others can join it.")
            .arg(room),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_monitor->unarchiveRoom(room);
}

void ServerWindow::removeMemberOfSelectedRoom()
{
    const RoomView *view = selectedRoomView();
    if (!view || view->kind != protocol::RoomKind::Private)
        return;
    const QString room = view->name;
    QInputDialog dialog(this);
    dialog.setWindowTitle(tr("Remove a member of %1").arg(room));
    dialog.setLabelText(
        tr("Account to take out of %1 (it leaves the room at once and cannot join it again "
           "unless invited):")
            .arg(room));
    // Those online in it are offered; anybody invited may be typed.
    dialog.setComboBoxItems(view->online);
    dialog.setComboBoxEditable(true);
    dialog.setTextValue(QString());
    dialog.setOkButtonText(tr("Remove"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString user = dialog.textValue().trimmed();
    if (user.isEmpty())
        return;
    m_doneText.insert(u"remove_member"_s, tr("Removed %1 from %2.").arg(user, room));
    m_monitor->removeMember(room, user);
}

void ServerWindow::setRoleOfSelected(protocol::Role role)
{
    const auto target = selectedTarget();
    if (!target)
        return;
    const QString user = target->name;
    const bool promote = role == protocol::Role::Moderator;
    QMessageBox box(QMessageBox::Question,
                    promote ? tr("Promote %1?").arg(user) : tr("Demote %1?").arg(user),
                    promote ? tr("Make %1 a moderator? They can kick, ban and mute members and "
                                 "guests from now on.")
                                  .arg(user)
                            : tr("Make %1 a member again? They can no longer moderate.").arg(user),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() != QMessageBox::Yes)
        return;
    m_doneText.insert(u"set_role"_s,
                      promote ? tr("%1 is a moderator now.").arg(user)
                              : tr("%1 is a member now.").arg(user));
    m_monitor->setRole(user, role);
}

void ServerWindow::announce()
{
    AnnounceDialog dialog(roomNames(), selectedRoom(), this);
    if (dialog.exec() != QDialog::Accepted || dialog.text().isEmpty())
        return;
    m_monitor->announce(dialog.room(), dialog.text());
}

void ServerWindow::deleteMessage()
{
    DeleteMessageDialog dialog(roomNames(), selectedRoom(), this);
    if (dialog.exec() != QDialog::Accepted || dialog.room().isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete a message"),
        tr("Delete message %1 of %2 for good?").arg(dialog.seq()).arg(dialog.room()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_monitor->deleteMessage(dialog.room(), dialog.seq());
}

void ServerWindow::stopListening()
{
    const auto answer = QMessageBox::question(
        this, tr("Stop listening"),
        tr("Take no new connections? The clients connected now stay connected."),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_monitor->stopListening();
}

void ServerWindow::startListening()
{
    const ListenState state = m_monitor->listenState();
    m_monitor->startListening(
        state.address.isNull() ? QHostAddress(QHostAddress::Any) : state.address, state.port);
}

void ServerWindow::listenOn()
{
    const ListenState state = m_monitor->listenState();
    ListenDialog dialog(state.address, state.port, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings->setListen(dialog.address(), dialog.port());
    m_monitor->startListening(dialog.address(), dialog.port());
}

} // namespace sori::server::gui
