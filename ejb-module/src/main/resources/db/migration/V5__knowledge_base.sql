-- Knowledge base: articles with a review workflow, every save kept as a revision, the review
-- history, and tags in a table of their own for filtering and counts. Label columns as in
-- org.escape.access.StoredLabel. Portable SQL: the same migration runs on H2 2.x and PostgreSQL 15.
create table article (
    id                  varchar(36)     not null,
    title               varchar(200)    not null,
    summary             varchar(1000)   not null,
    body                varchar(262144) not null,
    html                varchar(2000000) not null,
    tags                varchar(20000)  not null,
    refs                varchar(100000) not null,
    classification_rank integer         not null,
    releasable_to       varchar(1025)   not null,
    status              varchar(16)     not null,
    author_id           varchar(36)     not null,
    created_at          timestamp       not null,
    updated_at          timestamp       not null,
    revision            integer         not null,
    revised_by          varchar(36)     not null,
    published_at        timestamp,
    published_by        varchar(36),
    retired_at          timestamp,
    retired_reason      varchar(500),
    review_comment      varchar(500),
    review_by           varchar(36),
    review_at           timestamp,
    source_kind         varchar(16),
    source_ref          varchar(100),
    source_url          varchar(2000),
    stix_id             varchar(100),
    version             bigint          not null,
    constraint pk_article primary key (id),
    constraint uq_article_stix unique (stix_id),
    constraint fk_article_author foreign key (author_id) references user_account (id),
    constraint fk_article_revised_by foreign key (revised_by) references user_account (id),
    constraint fk_article_published_by foreign key (published_by) references user_account (id),
    constraint fk_article_review_by foreign key (review_by) references user_account (id)
);

create index ix_article_status_updated on article (status, updated_at);
create index ix_article_author on article (author_id);

create table article_tag (
    article_id varchar(36) not null,
    tag        varchar(40) not null,
    constraint pk_article_tag primary key (article_id, tag),
    constraint fk_article_tag_article foreign key (article_id) references article (id)
);

create index ix_article_tag_tag on article_tag (tag);

create table article_revision (
    article_id          varchar(36)     not null,
    number              integer         not null,
    kind                varchar(16)     not null,
    title               varchar(200)    not null,
    summary             varchar(1000)   not null,
    body                varchar(262144) not null,
    tags                varchar(20000)  not null,
    refs                varchar(100000) not null,
    classification_rank integer         not null,
    releasable_to       varchar(1025)   not null,
    editor_id           varchar(36)     not null,
    recorded_at         timestamp       not null,
    note                varchar(500),
    constraint pk_article_revision primary key (article_id, number),
    constraint fk_article_revision_article foreign key (article_id) references article (id),
    constraint fk_article_revision_editor foreign key (editor_id) references user_account (id)
);

create table article_review (
    id          varchar(36) not null,
    article_id  varchar(36) not null,
    action      varchar(16) not null,
    actor_id    varchar(36) not null,
    recorded_at timestamp   not null,
    note        varchar(500),
    revision    integer     not null,
    constraint pk_article_review primary key (id),
    constraint fk_article_review_article foreign key (article_id) references article (id),
    constraint fk_article_review_actor foreign key (actor_id) references user_account (id)
);

create index ix_article_review_article on article_review (article_id, recorded_at);

-- Notifications may point at an article (review requested, published, sent back).
alter table notification alter column kind set data type varchar(32);
alter table notification add column article_id varchar(36);
alter table notification add constraint fk_notification_article foreign key (article_id) references article (id);
