// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/logbuffer.h"
#include "core/monitor.h"
#include "gui/statshistory.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>

#include <QtWidgets/QMainWindow>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QSystemTrayIcon;
class QTabWidget;
class QTreeView;

namespace sori::server {
class ChatServer;
}

namespace sori::widgets {
class AuditView;
class SanctionsView;
} // namespace sori::widgets

namespace sori::server::gui {

class ConnectionFilterModel;
class ConnectionModel;
class GuiSettings;
class LogFilterModel;
class LogModel;
class RoomMemberModel;
class RoomModel;
class StatsChart;

// The operator's window over a running ChatServer: who is online, the rooms, the live log, the
// figures of the last minutes, and the admin actions. It reads the server only through a
// Monitor (snapshots a few times a second, taken off this thread) and the log buffer, so a busy
// server costs it one model update per snapshot, never one per message.
class ServerWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerWindow)

public:
    // The server, the log buffer and the settings must outlive the window.
    ServerWindow(ChatServer *server, const LogBuffer *log, GuiSettings *settings,
                 QWidget *parent = nullptr);
    ~ServerWindow() override;

    // How often the window asks for a snapshot and reads the log.
    void setRefreshInterval(int ms);
    // Asks for a snapshot now (also done by the timer).
    void refresh();

    Monitor *monitor() const { return m_monitor; }
    ConnectionModel *connectionModel() const { return m_connections; }
    RoomModel *roomModel() const { return m_rooms; }
    RoomMemberModel *memberModel() const { return m_members; }
    LogModel *logModel() const { return m_log; }
    const StatsHistory &statsHistory() const { return m_history; }
    QTreeView *onlineView() const { return m_onlineView; }
    // The filters above "Online now" (by who a row is) and "Rooms" (by the room's name).
    QLineEdit *onlineFilter() const { return m_onlineFilter; }
    QLineEdit *roomFilter() const { return m_roomFilter; }
    QTreeView *roomView() const { return m_roomView; }
    QTabWidget *tabs() const { return m_tabs; }
    QAction *kickAction() const { return m_kick; }
    QAction *banAction() const { return m_ban; }
    QAction *muteAction() const { return m_mute; }
    QAction *revokeAction() const { return m_revoke; }
    QAction *createRoomAction() const { return m_createRoom; }
    QAction *announceAction() const { return m_announce; }
    QAction *deleteMessageAction() const { return m_deleteMessage; }
    QAction *archiveRoomAction() const { return m_archiveRoom; }
    QAction *deleteRoomAction() const { return m_deleteRoom; }
    // Room administration and roles (docs/protocol.md §13), as the operator.
    QAction *setTopicAction() const { return m_setTopic; }
    QAction *renameRoomAction() const { return m_renameRoom; }
    QAction *unarchiveRoomAction() const { return m_unarchiveRoom; }
    QAction *removeMemberAction() const { return m_removeMember; }
    QAction *promoteAction() const { return m_promote; }
    QAction *demoteAction() const { return m_demote; }
    // The "Sanctions" and "Audit log" tabs.
    widgets::SanctionsView *sanctionsView() const { return m_sanctionsView; }
    widgets::AuditView *auditView() const { return m_auditView; }
    QAction *stopListeningAction() const { return m_stopListening; }
    QAction *startListeningAction() const { return m_startListening; }
    QAction *listenOnAction() const { return m_listenOn; }
    // The status bar's TLS field: on or off, with the certificate's expiry (its fingerprint in
    // the tooltip).
    QLabel *tlsLabel() const { return m_tlsLabel; }

    // Whether closing the window asks about the tray (off for tests and screenshots).
    void setAskOnClose(bool ask) { m_askOnClose = ask; }

Q_SIGNALS:
    // The operator wants the server stopped and the application to end.
    void quitRequested();
    // A snapshot has been shown (for tests: the models are up to date with it).
    void snapshotShown();
    // An action's result, as shown in the status bar.
    void actionResultShown(const QString &text, bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildOnlineTab();
    QWidget *buildRoomsTab();
    QWidget *buildLogTab();
    QWidget *buildStatsTab();
    void buildMenus();
    void buildTray();

    void onSnapshot(const MonitorSnapshot &snapshot);
    void onActionFinished(const QString &action, bool ok, const QString &message);
    void onListenStateChanged(const ListenState &state);
    void readLog();
    void updateSelectionActions();
    void updateMembers();
    void updateStatsLabels(const MonitorSnapshot &snapshot);

    // The selected connection in "Online now", or null. The pointer is into the model: it is
    // good until the next snapshot, so never across a dialog (take a Target first).
    const ConnectionView *selectedConnection() const;
    // Who an action on the selected row is for, copied when the action starts: a snapshot that
    // comes while its dialog is open may move or remove rows, and the action must still go to
    // the person the operator picked.
    struct Target
    {
        QString name;
        QString address;
        protocol::Role role = protocol::Role::Guest;
        QStringList othersAtAddress; // the other names connected from the same address now
    };
    std::optional<Target> selectedTarget() const;
    QString selectedRoom() const;
    QStringList roomNames() const;

    // When an action of `minutes` (0: for good) set now ends, for people (empty: for good).
    static QString untilText(int minutes);

    void kickSelected();
    void banSelected();
    void muteSelected();
    void revokeSelected();
    void createRoom();
    void archiveSelectedRoom();
    void deleteSelectedRoom();
    void setTopicOfSelectedRoom();
    void renameSelectedRoom();
    void unarchiveSelectedRoom();
    void removeMemberOfSelectedRoom();
    void setRoleOfSelected(protocol::Role role);
    // The selected room's view, or null (a pointer into the model: good until the next snapshot).
    const RoomView *selectedRoomView() const;
    void announce();
    void deleteMessage();
    void stopListening();
    void startListening();
    void listenOn();

    ChatServer *const m_server;
    const LogBuffer *const m_logBuffer;
    GuiSettings *const m_settings;
    Monitor *m_monitor;
    QTimer m_refreshTimer;
    QElapsedTimer m_uptime;
    StatsHistory m_history;
    bool m_askOnClose = true;
    bool m_quitting = false;

    ConnectionModel *m_connections;
    ConnectionFilterModel *m_onlineProxy;
    RoomModel *m_rooms;
    QSortFilterProxyModel *m_roomProxy;
    RoomMemberModel *m_members;
    LogModel *m_log;
    LogFilterModel *m_logFilter;

    QTabWidget *m_tabs = nullptr;
    QTreeView *m_onlineView = nullptr;
    QLineEdit *m_onlineFilter = nullptr;
    QLineEdit *m_roomFilter = nullptr;
    QTreeView *m_roomView = nullptr;
    QListView *m_memberView = nullptr;
    QLabel *m_memberTitle = nullptr;
    QTreeView *m_logView = nullptr;
    StatsChart *m_chart = nullptr;
    QLabel *m_onlineCount = nullptr;
    QLabel *m_inRate = nullptr;
    QLabel *m_outRate = nullptr;
    QLabel *m_inTotal = nullptr;
    QLabel *m_outTotal = nullptr;
    QLabel *m_acceptedTotal = nullptr;
    QLabel *m_refusedTotal = nullptr;
    QLabel *m_uptimeLabel = nullptr;
    QLabel *m_listenLabel = nullptr;
    QLabel *m_tlsLabel = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_workersLabel = nullptr;

    QAction *m_kick = nullptr;
    QAction *m_ban = nullptr;
    QAction *m_mute = nullptr;
    QAction *m_revoke = nullptr;
    QAction *m_createRoom = nullptr;
    QAction *m_announce = nullptr;
    QAction *m_deleteMessage = nullptr;
    QAction *m_archiveRoom = nullptr;
    QAction *m_deleteRoom = nullptr;
    QAction *m_setTopic = nullptr;
    QAction *m_renameRoom = nullptr;
    QAction *m_unarchiveRoom = nullptr;
    QAction *m_removeMember = nullptr;
    QAction *m_promote = nullptr;
    QAction *m_demote = nullptr;
    widgets::SanctionsView *m_sanctionsView = nullptr;
    widgets::AuditView *m_auditView = nullptr;
    QAction *m_stopListening = nullptr;
    QAction *m_startListening = nullptr;
    QAction *m_listenOn = nullptr;
    QAction *m_showHide = nullptr;
    QAction *m_quit = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    int m_onlineNow = 0;
    // The status bar's words for the result of an action the window asked for, by action.
    QHash<QString, QString> m_doneText;
};

} // namespace sori::server::gui
