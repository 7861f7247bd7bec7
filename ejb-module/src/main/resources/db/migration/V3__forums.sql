-- Forums: forum -> thread -> post, each with its own label (classification_rank + releasable_to,
-- see org.escape.access.StoredLabel). Post revisions keep every body and label a post ever had.
-- Portable SQL: the same migration runs on H2 2.x and PostgreSQL 15.
create table forum (
    id                  varchar(36)   not null,
    name                varchar(100)  not null,
    description         varchar(2000) not null,
    classification_rank integer       not null,
    releasable_to       varchar(1025) not null,
    archived            boolean       not null,
    created_by          varchar(36)   not null,
    created_at          timestamp     not null,
    version             bigint        not null,
    constraint pk_forum primary key (id),
    constraint fk_forum_created_by foreign key (created_by) references user_account (id)
);

create table forum_thread (
    id                  varchar(36)   not null,
    forum_id            varchar(36)   not null,
    title               varchar(200)  not null,
    tags                varchar(300)  not null,
    classification_rank integer       not null,
    releasable_to       varchar(1025) not null,
    author_id           varchar(36)   not null,
    created_at          timestamp     not null,
    pinned              boolean       not null,
    locked              boolean       not null,
    hidden              boolean       not null,
    post_sequence       integer       not null,
    version             bigint        not null,
    constraint pk_forum_thread primary key (id),
    constraint fk_forum_thread_forum foreign key (forum_id) references forum (id),
    constraint fk_forum_thread_author foreign key (author_id) references user_account (id)
);

create index ix_forum_thread_forum on forum_thread (forum_id);

create table forum_post (
    id                  varchar(36)     not null,
    thread_id           varchar(36)     not null,
    position            integer         not null,
    author_id           varchar(36)     not null,
    reply_to            varchar(36),
    body                varchar(65536)  not null,
    html                varchar(1000000) not null,
    classification_rank integer         not null,
    releasable_to       varchar(1025)   not null,
    created_at          timestamp       not null,
    edited_at           timestamp,
    revision            integer         not null,
    deleted_by          varchar(16),
    hidden_reason       varchar(500),
    version             bigint          not null,
    constraint pk_forum_post primary key (id),
    constraint uq_forum_post_position unique (thread_id, position),
    constraint fk_forum_post_thread foreign key (thread_id) references forum_thread (id),
    constraint fk_forum_post_author foreign key (author_id) references user_account (id)
);

create index ix_forum_post_thread_created on forum_post (thread_id, created_at);

create table forum_post_revision (
    post_id             varchar(36)    not null,
    revision            integer        not null,
    kind                varchar(16)    not null,
    body                varchar(65536) not null,
    classification_rank integer        not null,
    releasable_to       varchar(1025)  not null,
    editor_id           varchar(36)    not null,
    recorded_at         timestamp      not null,
    note                varchar(500),
    constraint pk_forum_post_revision primary key (post_id, revision),
    constraint fk_forum_post_revision_post foreign key (post_id) references forum_post (id),
    constraint fk_forum_post_revision_editor foreign key (editor_id) references user_account (id)
);

create table thread_read_marker (
    thread_id varchar(36) not null,
    user_id   varchar(36) not null,
    read_at   timestamp   not null,
    constraint pk_thread_read_marker primary key (thread_id, user_id),
    constraint fk_thread_read_marker_thread foreign key (thread_id) references forum_thread (id),
    constraint fk_thread_read_marker_user foreign key (user_id) references user_account (id)
);

-- Notifications point at what they are about; whether the recipient may read it is checked again
-- at every read, so a later label raise silences them without touching this table.
create table notification (
    id           varchar(36) not null,
    recipient_id varchar(36) not null,
    kind         varchar(16) not null,
    actor_id     varchar(36) not null,
    post_id      varchar(36) not null,
    created_at   timestamp   not null,
    read_at      timestamp,
    constraint pk_notification primary key (id),
    constraint fk_notification_recipient foreign key (recipient_id) references user_account (id),
    constraint fk_notification_actor foreign key (actor_id) references user_account (id),
    constraint fk_notification_post foreign key (post_id) references forum_post (id)
);

create index ix_notification_recipient on notification (recipient_id, created_at);
