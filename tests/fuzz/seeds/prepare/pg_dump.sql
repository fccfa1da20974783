--
-- PostgreSQL database dump
--

\restrict AbCdEf0123456789

-- Dumped from database version 17.6
-- Dumped by pg_dump version 17.6

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app; Type: SCHEMA; Schema: -; Owner: app
--

CREATE SCHEMA app;


ALTER SCHEMA app OWNER TO app;

CREATE SCHEMA public;

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';

CREATE FUNCTION app.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  -- ALTER TABLE x OWNER TO y; is only text here
  RAISE NOTICE 'line with
\connect inside a string';
  RETURN NEW;
END $$;


ALTER FUNCTION app.touch() OWNER TO app;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE app."Order" (
    id bigint NOT NULL,
    "user" text DEFAULT E'\\set x'::text,
    note public.citext
);


ALTER TABLE app."Order" OWNER TO app;

COPY app."Order" (id, "user", note) FROM stdin;
1	\N	first
2	\\connect	second
\.


SET SESSION AUTHORIZATION app;
RESET SESSION AUTHORIZATION;

GRANT ALL ON SCHEMA app TO reader;
REVOKE ALL ON TABLE app."Order" FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA app GRANT SELECT ON TABLES TO reader;

\unrestrict AbCdEf0123456789
