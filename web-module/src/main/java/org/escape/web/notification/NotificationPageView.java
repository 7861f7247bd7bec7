package org.escape.web.notification;

import java.util.List;

/** A page of notifications plus the caller's unread count, so the shell's badge stays in step. */
public record NotificationPageView(List<NotificationView> items, long total, int page, int size, long unread) {
}
