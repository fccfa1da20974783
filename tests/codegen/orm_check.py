"""The generated models.py and schemas.py at work (tests/cli/codegen_python.sh).

    orm_check.py create GENDIR URL         Base.metadata.create_all on URL
    orm_check.py check GENDIR URL SCHEMA   rows through the models and back, validated
                                           by the Pydantic schemas; SCHEMA is
                                           alltypes_pg, alltypes_sqlite or example

Prints one line per failed check and a summary; exits 1 when a check failed.
"""
import datetime
import decimal
import sys
import uuid
import warnings

warnings.simplefilter("ignore")

failed = 0
run = 0


def check(cond, what):
    global failed, run
    run += 1
    if not cond:
        failed += 1
        print("FAILED: " + what, file=sys.stderr)


def load(gendir):
    sys.path.insert(0, gendir)
    import models  # noqa: E402
    import schemas  # noqa: E402

    return models, schemas


def dump(schema):
    """A schema's fields as a dict, Pydantic 1 or 2."""
    return schema.model_dump() if hasattr(schema, "model_dump") else schema.dict()


def same_fields(read, expected, what):
    data = dump(read)
    for key, want in expected.items():
        check(data.get(key) == want, "%s.%s: %r != %r" % (what, key, data.get(key), want))


def alltypes_pg(m, s, session_factory, orm):
    utc = datetime.timezone.utc
    values = dict(
        id=1,
        c_smallint=-32768,
        c_smallint_n=32767,
        c_integer=-(2**31),
        c_integer_n=2**31 - 1,
        c_bigint=-(2**63),
        c_bigint_n=2**63 - 1,
        c_numeric=decimal.Decimal("-123456789012345678901234.123456"),
        c_numeric_n=decimal.Decimal("0.000000000000000000001"),
        c_real=1.5,
        c_real_n=-0.25,
        c_double=1.7976931348623157e308,
        c_double_n=5e-324,
        c_boolean=True,
        c_boolean_n=False,
        c_text="",
        c_text_n="żółć 日本 \"q\" 'q' \\ \n",
        c_varchar="żółć",
        c_varchar_n="",
        c_char="ab   ",
        c_char_n="żółćx",
        c_bytea=b"\x00\x01\x00\xff",
        c_bytea_n=b"",
        c_date=datetime.date(2024, 2, 29),
        c_date_n=datetime.date(1, 1, 1),
        c_time=datetime.time(23, 59, 59, 999999),
        c_time_n=datetime.time(0, 0, 0, 123000),
        c_timetz=datetime.time(12, 34, 56, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30))),
        c_timestamp=datetime.datetime(2024, 2, 29, 23, 59, 59, 999999),
        c_timestamp_n=datetime.datetime(1999, 12, 31, 0, 0, 0, 123000),
        c_timestamptz=datetime.datetime(2024, 2, 29, 23, 59, 59, 500000, tzinfo=utc),
        c_timestamptz_n=datetime.datetime(2000, 1, 1, tzinfo=utc),
        c_interval=datetime.timedelta(days=3, seconds=14706, microseconds=789000),
        c_interval_n=datetime.timedelta(seconds=-1),
        c_uuid=uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        c_uuid_n=uuid.UUID(int=0),
        c_json={"a": [1, 2, {"b": None}], "ż": "日本"},
        c_json_n=[],
        c_jsonb={"a": [True, False], "b": 1},
        c_jsonb_n=None,
        c_mood=m.Mood.in_progress,
        c_mood_n=m.Mood.x_,
        c_int_array=[1, -2, 3],
        c_text_array=["a b", "c", None, "ż"],
        c_inet="192.168.0.1/24",
        c_xml="<a>ż</a>",
    )
    with session_factory() as ses:
        ses.add(m.Alltypes(**values))
        ses.add(m.Alltypes(**dict(values, id=2, c_mood=m.Mood.class_, c_varchar="other", c_boolean=False)))
        ses.commit()
    with session_factory() as ses:
        row = ses.get(m.Alltypes, 1)
        for key, want in values.items():
            got = getattr(row, key)
            check(got == want, "Alltypes.%s: %r != %r" % (key, got, want))
        check(row.c_with_default == "none", "the server default applies")
        check(row.c_generated == values["c_bigint"] // 2, "the generated column")
        read = s.AlltypesRead.from_row(row)
        expected = dict(values, c_with_default="none", c_generated=values["c_bigint"] // 2)
        same_fields(read, expected, "AlltypesRead")
        check(read.c_mood == s.Mood.in_progress, "the schema's enum")
        check(isinstance(read.c_uuid, uuid.UUID), "uuid is uuid.UUID")
        check(isinstance(read.c_numeric, decimal.Decimal), "numeric is Decimal")
        create = s.AlltypesCreate(**dict(values, id=3, c_varchar="third"))
        check(create.c_with_default is None, "a defaulted column is optional on create")
        ses.add(m.Alltypes(**{k: v for k, v in dump(create).items() if v is not None}))
        ses.commit()
        check(ses.get(m.Alltypes, 3).c_with_default == "none", "a Create schema becomes a row")
    try:
        s.AlltypesCreate(**{k: v for k, v in values.items() if k != "c_text"})
        check(False, "a NOT NULL column without default is required on create")
    except Exception:
        check(True, "")
    try:
        s.WeirdNamesBase(id=1, x_2fa="not a bool")
        check(False, "a bool field refuses text")
    except Exception:
        check(True, "")
    try:
        s.TagBase(id=1, label="x" * 21)
        check(False, "varchar(20) is at most 20 characters")
    except Exception:
        check(True, "")
    weird(m, s, session_factory)
    shapes(m, s, session_factory)


def alltypes_sqlite(m, s, session_factory, orm):
    values = dict(
        id=1,
        c_integer=-(2**63),
        c_integer_n=2**63 - 1,
        c_int=-1,
        c_bigint=2**62,
        c_smallint=-32768,
        c_tinyint=127,
        c_real=1.5,
        c_real_n=-1e308,
        c_double=5e-324,
        c_double_precision=-0.5,
        c_float=float("inf"),
        c_text="",
        c_text_n="żółć 日本 \"q\" 'q' \\ \n",
        c_varchar="żółć",
        c_varchar_n="",
        c_char="ab",
        c_nvarchar="日本",
        c_clob="clob",
        c_blob=b"\x00\x01\x00\xff",
        c_blob_n=b"",
        c_numeric=decimal.Decimal("12.5"),
        c_numeric_n=decimal.Decimal("-3"),
        c_decimal=decimal.Decimal("12.25"),
        c_boolean=True,
        c_boolean_n=False,
        c_date=datetime.date(2024, 2, 29),
        c_datetime=datetime.datetime(2024, 2, 29, 23, 59, 59, 123456),
        c_datetime_n=datetime.datetime(1970, 1, 1),
        c_timestamp=datetime.datetime(2000, 1, 1, 12, 0),
        c_time=datetime.time(23, 59, 59),
        c_json={"a": [1, 2]},
        c_uuid="a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        c_untyped="anything",
    )
    with session_factory() as ses:
        ses.add(m.Alltypes(**values))
        ses.commit()
    with session_factory() as ses:
        row = ses.get(m.Alltypes, 1)
        for key, want in values.items():
            got = getattr(row, key)
            if isinstance(want, decimal.Decimal):
                got = decimal.Decimal(got).normalize()
                want = want.normalize()
            check(got == want, "Alltypes.%s: %r != %r" % (key, got, want))
        check(row.c_with_default == "none", "the server default applies")
        check(row.c_now is not None, "an expression default applies")
        check(row.c_generated == values["c_bigint"] // 2, "the generated column")
        read = s.AlltypesRead.from_row(row)
        same_fields(
            read,
            {k: v for k, v in values.items() if not isinstance(v, decimal.Decimal)},
            "AlltypesRead",
        )
        check(read.c_numeric == decimal.Decimal("12.5"), "numeric is Decimal")
    weird(m, s, session_factory)
    shapes(m, s, session_factory)


def weird(m, s, session_factory):
    """Renamed attributes keep their database names."""
    values = dict(
        id=1,
        class_="c",
        my_col_2="spaced",
        my_col="underscored",
        x_2fa=True,
        metadata_="m",
        Mixed_Case=-1,
        x_="żółć",
        json_={"a": 1},
        x_private="p",
        type_="t",
    )
    check(m.WeirdNames.__table__.name == "Weird Names", "the table keeps its name")
    check(m.WeirdNames.__table__.c["my_col_2"].name == "my col", "a renamed column keeps its name, keyed by the attribute")
    with session_factory() as ses:
        ses.add(m.WeirdNames(**values))
        ses.commit()
    with session_factory() as ses:
        row = ses.get(m.WeirdNames, 1)
        same_fields(s.WeirdNamesRead.from_row(row), values, "WeirdNamesRead")
        raw = ses.execute(m.sa.text('SELECT "my col", "2fa", "żółć" FROM "Weird Names"')).one()
        check(tuple(raw) == ("spaced", True, "żółć") or tuple(raw) == ("spaced", 1, "żółć"), repr(tuple(raw)))


def shapes(m, s, session_factory):
    """Relationships: self reference, two keys to one table, one-to-one, many-to-many."""
    with session_factory() as ses:
        ada = m.Person(name="Ada")
        bob = m.Person(name="Bob", manager=ada)
        ses.add_all([ada, bob])
        ses.add(m.Message(sender=ada, recipient=bob, body="hi"))
        ses.add(m.Message(sender=bob, body="note to self"))
        ses.add(m.Passport(person=ada, number="X1"))
        vip = m.Tag(id=1, label="vip")
        ada.tag.append(vip)
        bob.tag.append(vip)
        ses.commit()
    with session_factory() as ses:
        ada = ses.query(m.Person).filter_by(name="Ada").one()
        bob = ses.query(m.Person).filter_by(name="Bob").one()
        check(bob.manager is ada, "many-to-one to the same table")
        check(ada.person_manager == [bob], "its back reference")
        check([x.body for x in ada.message_sender] == ["hi"], "first of two keys to one table")
        check([x.body for x in bob.message_recipient] == ["hi"], "second of two keys to one table")
        check(ada.passport.number == "X1", "one-to-one back reference is a scalar")
        check(sorted(p.name for p in ada.tag[0].person) == ["Ada", "Bob"], "many-to-many through person_tag")
        read = s.PersonRead.from_row(bob)
        check(read.name == "Bob" and read.manager_id == ada.id and read.id == bob.id, "PersonRead")
        check(s.MessageRead.from_row(bob.message_sender[0]).recipient_id is None, "a NULL key reads None")


def example(m, s, session_factory, orm):
    utc = datetime.timezone.utc
    with session_factory() as ses:
        ada = m.Users(email="ada@example.com", display_name="Ada", role=m.UserRole.admin)
        item = m.Items(owner=ada, title="Engine", price=decimal.Decimal("12.50"))
        order = m.Order(user=ada, placed_at=datetime.datetime(2024, 1, 20, 10, 15, tzinfo=utc))
        ses.add_all([ada, item, order])
        ses.flush()
        ses.add(m.OrderLine(order=order, item=item, quantity=2))
        ses.commit()
    with session_factory() as ses:
        ada = ses.query(m.Users).one()
        check(ada.role == m.UserRole.admin, "the enum comes back as the enum")
        check(ada.items[0].price == decimal.Decimal("12.50"), "numeric(12,2)")
        check(ada.items[0].description == "", "server default ''")
        check(ada.order[0].order_line[0].item is ada.items[0], "relationships across the order")
        read = s.UsersRead.from_row(ada)
        check(read.role == s.UserRole.admin and read.id == ada.id, "UsersRead")
        check(read.created_at.tzinfo is not None, "timestamptz is aware")
        same_fields(s.ItemsRead.from_row(ada.items[0]), {"title": "Engine", "archived_at": None}, "ItemsRead")
        line = s.OrderLineRead.from_row(ada.order[0].order_line[0])
        check(line.quantity == 2, "OrderLineRead")
        create = s.UsersCreate(email="b@example.com", display_name="B")
        check(create.role is None and create.id is None, "defaulted columns are optional on create")
        try:
            s.UsersCreate(display_name="no email")
            check(False, "email is required")
        except Exception:
            check(True, "")
        try:
            s.OrderLineCreate(order_id=1, item_id=1, quantity="many")
            check(False, "quantity is an int")
        except Exception:
            check(True, "")


def main():
    import sqlalchemy as sa
    from sqlalchemy import orm

    cmd, gendir, url = sys.argv[1:4]
    m, s = load(gendir)
    engine = sa.create_engine(url)
    if cmd == "create":
        m.Base.metadata.create_all(engine)
        return 0
    session_factory = orm.sessionmaker(bind=engine)
    {"alltypes_pg": alltypes_pg, "alltypes_sqlite": alltypes_sqlite, "example": example}[sys.argv[4]](
        m, s, session_factory, orm
    )
    print("%s: %d checks, %d failed" % (sys.argv[4], run, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
