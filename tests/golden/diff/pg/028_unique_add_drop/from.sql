CREATE TABLE public.u (id integer PRIMARY KEY, email text, handle text, CONSTRAINT u_handle_key UNIQUE (handle));
