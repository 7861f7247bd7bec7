-- The append-only, hash-chained audit trail. Every record carries the SHA-256 of its predecessor;
-- audit_head holds the end of the chain and is locked by each append, which keeps the chain linear
-- under concurrent writers. Portable SQL: runs on H2 2.x and PostgreSQL 15.
create table audit_record (
    seq          bigint        not null,
    recorded_at  timestamp     not null,
    actor_id     varchar(36),
    actor_name   varchar(255),
    action       varchar(64)   not null,
    object_type  varchar(64),
    object_id    varchar(64),
    outcome      varchar(16)   not null,
    details      varchar(4000) not null,
    prev_hash    varchar(64)   not null,
    hash         varchar(64)   not null,
    constraint pk_audit_record primary key (seq)
);

create index ix_audit_record_actor on audit_record (actor_name, seq);
create index ix_audit_record_action on audit_record (action, seq);
create index ix_audit_record_object on audit_record (object_id, seq);
create index ix_audit_record_time on audit_record (recorded_at);

create table audit_head (
    id        integer     not null,
    last_seq  bigint      not null,
    last_hash varchar(64) not null,
    constraint pk_audit_head primary key (id)
);

insert into audit_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
