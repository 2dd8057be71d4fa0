from django.urls import path

from .views import (
    agenda,
    console,
    corrections,
    dashboard,
    history,
    minutes,
    papers,
    public,
    schedule,
)

app_name = "meetings"

urlpatterns = [
    path("", public.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("meetings/", public.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", public.meeting_detail, name="meeting-detail"),
    path("bodies/<slug:slug>/programme/", schedule.programme, name="programme"),
    path(
        "bodies/<slug:slug>/obligations/done/",
        dashboard.obligation_done_view,
        name="obligation-done",
    ),
    path("bodies/<slug:slug>/meetings/new/", schedule.meeting_new, name="meeting-new"),
    path(
        "meetings/<int:pk>/reschedule/", schedule.meeting_reschedule_view, name="meeting-reschedule"
    ),
    path("meetings/<int:pk>/cancel/", schedule.meeting_cancel_view, name="meeting-cancel"),
    path("meetings/<int:pk>/agenda/", agenda.workspace, name="agenda"),
    path("meetings/<int:pk>/agenda/start/", agenda.start, name="agenda-start"),
    path("meetings/<int:pk>/agenda/items/new/", agenda.item_new, name="item-new"),
    path("meetings/<int:pk>/agenda/preview/", agenda.preview, name="agenda-preview"),
    path("meetings/<int:pk>/agenda/publish/", agenda.publish, name="agenda-publish"),
    path("meetings/<int:pk>/agenda/agreement/", agenda.agreement, name="agenda-agreement"),
    path("meetings/<int:pk>/apologies/", agenda.apology_add, name="apology-add"),
    path(
        "meetings/<int:pk>/apologies/deputies/",
        agenda.apology_deputies,
        name="apology-deputies",
    ),
    path("meetings/<int:pk>/console/", console.console, name="console"),
    path("meetings/<int:pk>/console/live/", console.console_live, name="console-live"),
    path("meetings/<int:pk>/console/open/", console.console_open, name="console-open"),
    path("meetings/<int:pk>/console/mark/", console.mark, name="console-mark"),
    path("meetings/<int:pk>/console/deputy/", console.deputy, name="console-deputy"),
    path("meetings/<int:pk>/console/visitor/", console.visitor, name="console-visitor"),
    path("meetings/<int:pk>/console/go-to/", console.go_to, name="console-go-to"),
    path("meetings/<int:pk>/console/presiding/", console.presiding, name="console-presiding"),
    path("meetings/<int:pk>/console/declaration/", console.declaration, name="console-declaration"),
    path("meetings/<int:pk>/console/vote/", console.vote, name="console-vote"),
    path("meetings/<int:pk>/console/decision/", console.decision, name="console-decision"),
    path("meetings/<int:pk>/console/action/", console.action, name="console-action"),
    path(
        "meetings/<int:pk>/console/confirm-minutes/",
        console.confirm_minutes,
        name="console-confirm-minutes",
    ),
    path(
        "meetings/<int:pk>/console/action-status/",
        console.action_status,
        name="console-action-status",
    ),
    path("meetings/<int:pk>/console/actions/", console.console_actions, name="console-actions"),
    path("meetings/<int:pk>/console/adjourn/", console.adjourn, name="console-adjourn"),
    path("meetings/<int:pk>/console/resume/", console.resume, name="console-resume"),
    path("meetings/<int:pk>/console/close/", console.close, name="console-close"),
    path("meetings/<int:pk>/console/reopen/", console.reopen, name="console-reopen"),
    path(
        "meetings/<int:pk>/record/<slug:kind>/<int:entry_pk>/correct/",
        corrections.correct,
        name="record-correct",
    ),
    path(
        "meetings/<int:pk>/record/<slug:kind>/<int:entry_pk>/strike/",
        corrections.strike,
        name="record-strike",
    ),
    path("meetings/<int:pk>/minutes/", minutes.minutes_read, name="minutes"),
    path("meetings/<int:pk>/minutes/edit/", minutes.minutes_edit, name="minutes-edit"),
    path("meetings/<int:pk>/minutes/start/", minutes.minutes_start, name="minutes-start"),
    path("meetings/<int:pk>/minutes/send/", minutes.minutes_send, name="minutes-send"),
    path(
        "meetings/<int:pk>/minutes/circulate/", minutes.minutes_circulate, name="minutes-circulate"
    ),
    path("meetings/<int:pk>/minutes/review/", minutes.minutes_review, name="minutes-review"),
    path("minutes/items/<int:pk>/", minutes.minute_save, name="minute-save"),
    path("history/<slug:kind>/<int:pk>/", history.history, name="history"),
    path("agenda-items/<int:pk>/edit/", agenda.item_edit, name="item-edit"),
    path("agenda-items/<int:pk>/move/", agenda.item_move, name="item-move"),
    path("agenda-items/<int:pk>/delete/", agenda.item_delete, name="item-delete"),
    path("agenda-items/<int:pk>/papers/new/", papers.paper_new, name="paper-new"),
    path("papers/<int:pk>/new-version/", papers.paper_version, name="paper-version"),
    path("papers/<int:pk>/details/", papers.paper_details, name="paper-details"),
    path("papers/<int:pk>/download/", papers.paper_download, name="paper-download"),
]
