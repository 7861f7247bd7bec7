-- Local user records, provisioned on first sign-in and kept in step with Keycloak.
-- Portable SQL: the same migration runs on H2 2.x and PostgreSQL 15.
create table user_account (
    id            varchar(36)  not null,
    keycloak_id   varchar(64)  not null,
    username      varchar(255) not null,
    display_name  varchar(255) not null,
    country       varchar(3),
    clearance     varchar(16)  not null,
    roles         varchar(255) not null,
    enabled       boolean      not null,
    created_at    timestamp    not null,
    synced_at     timestamp    not null,
    version       bigint       not null,
    constraint pk_user_account primary key (id),
    constraint uq_user_account_keycloak_id unique (keycloak_id)
);

create index ix_user_account_username on user_account (username);
