-- Incident rooms: the incident, its members and its timeline (chat messages and the events of its
-- life: status and membership changes). Each timeline entry has a per-incident seq taken from
-- incident.last_seq under the incident row's lock, so seqs are gap-free and commit in order.
-- Portable SQL: the same migration runs on H2 2.x and PostgreSQL 15.
create table incident (
    id                  varchar(36)   not null,
    title               varchar(200)  not null,
    summary             varchar(4000) not null,
    severity            varchar(16)   not null,
    status              varchar(16)   not null,
    access_mode         varchar(16)   not null,
    classification_rank integer       not null,
    releasable_to       varchar(1025) not null,
    created_by          varchar(36)   not null,
    created_at          timestamp     not null,
    updated_at          timestamp     not null,
    last_seq            bigint        not null,
    version             bigint        not null,
    constraint pk_incident primary key (id),
    constraint fk_incident_created_by foreign key (created_by) references user_account (id)
);

create index ix_incident_updated on incident (updated_at);

create table incident_member (
    id          varchar(36) not null,
    incident_id varchar(36) not null,
    user_id     varchar(36) not null,
    role        varchar(16) not null,
    added_by    varchar(36) not null,
    added_at    timestamp   not null,
    constraint pk_incident_member primary key (id),
    constraint uq_incident_member unique (incident_id, user_id),
    constraint fk_incident_member_incident foreign key (incident_id) references incident (id),
    constraint fk_incident_member_user foreign key (user_id) references user_account (id)
);

create index ix_incident_member_user on incident_member (user_id);

create table chat_message (
    id                  varchar(36)      not null,
    incident_id         varchar(36)      not null,
    seq                 bigint           not null,
    kind                varchar(16)      not null,
    client_id           varchar(64),
    author_id           varchar(36)      not null,
    body                varchar(65536)   not null,
    html                varchar(1000000) not null,
    classification_rank integer          not null,
    releasable_to       varchar(1025)    not null,
    created_at          timestamp        not null,
    constraint pk_chat_message primary key (id),
    constraint uq_chat_message_seq unique (incident_id, seq),
    constraint uq_chat_message_client unique (incident_id, author_id, client_id),
    constraint fk_chat_message_incident foreign key (incident_id) references incident (id),
    constraint fk_chat_message_author foreign key (author_id) references user_account (id)
);

-- Notifications are about a forum post or a chat message now.
alter table notification alter column post_id drop not null;
alter table notification add column message_id varchar(36);
alter table notification add constraint fk_notification_message foreign key (message_id) references chat_message (id);
