CREATE TABLE public.users (
    id integer PRIMARY KEY,
    fullname text NOT NULL CHECK (fullname <> ''),
    nick text
);
CREATE INDEX users_fullname_idx ON public.users (fullname);
COMMENT ON COLUMN public.users.fullname IS 'as typed';
