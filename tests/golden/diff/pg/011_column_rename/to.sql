CREATE TABLE public.users (
    id integer PRIMARY KEY,
    display_name text NOT NULL CHECK (display_name <> ''),
    nick text
);
CREATE INDEX users_display_name_idx ON public.users (display_name);
COMMENT ON COLUMN public.users.display_name IS 'as typed';
