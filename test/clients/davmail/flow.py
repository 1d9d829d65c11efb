"""DavMail 6.0.1 (Debian's davmail) as an IMAP/SMTP gateway in front of Tern, driven with the
standard library's imaplib and smtplib the way a desktop mail client uses DavMail.

Run by test/clients/davmail/check.ts with Debian's /usr/bin/python3. After each step it prints
`STEP <json>` (the step's name, whether it raised, what it saw), then waits for a line on stdin
so the runner can verify the step on the server before the next one.
"""

import base64
import email
import imaplib
import json
import re
import smtplib
import sys
import time
import traceback
from email.message import EmailMessage

IMAP_PORT, SMTP_PORT, USER, PASSWORD = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
# RFC 6851 MOVE; imaplib knows it only from Python 3.12 on.
imaplib.Commands.setdefault("MOVE", ("SELECTED",))

state = {}


def report(name, fn):
    """Runs one step; prints its result and waits for the runner to verify it."""
    try:
        line = {"step": name, "ok": True, "data": fn()}
    except Exception as e:  # every exception is a failed step, reported with its cause
        tb = traceback.format_exc().strip().splitlines()
        line = {"step": name, "ok": False, "error": f"{type(e).__name__}: {e}", "trace": tb[-6:]}
    print("STEP " + json.dumps(line, default=str), flush=True)
    if sys.stdin.readline() == "":
        sys.exit(0)
    return line["ok"]


def ok(result):
    typ, data = result
    if typ != "OK":
        raise RuntimeError(f"IMAP answered {typ}: {data}")
    return data


def login():
    state["imap"] = imap = imaplib.IMAP4("127.0.0.1", IMAP_PORT)
    ok(imap.login(USER, PASSWORD))
    return {}


def list_folders():
    names = []
    for line in ok(state["imap"].list()):
        m = re.match(rb'\((.*?)\) "(.)" (?:"((?:[^"\\]|\\.)*)"|(\S+))$', line)
        names.append((m.group(3) or m.group(4)).decode())
    return {"names": names}


def select_inbox():
    imap = state["imap"]
    exists = int(ok(imap.select("INBOX"))[0])
    data = ok(imap.fetch("1:*", "(UID FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID SUBJECT)])"))
    messages = []
    for part in data:
        if not isinstance(part, tuple):
            continue
        head = email.message_from_bytes(part[1])
        messages.append({"seq": int(part[0].split()[0]), "message_id": head["Message-ID"], "seen": b"\\Seen" in part[0]})
    state["inbox"] = messages
    return {"exists": exists, "messages": messages}


def nth(n):
    return state["inbox"][n]


def fetch_body():
    data = ok(state["imap"].fetch(str(nth(0)["seq"]), "(BODY.PEEK[])"))
    return {"message_id": nth(0)["message_id"], "mime": base64.b64encode(data[0][1]).decode()}


def store(n, flags, add):
    def run():
        ok(state["imap"].store(str(nth(n)["seq"]), "+FLAGS" if add else "-FLAGS", flags))
        return {"message_id": nth(n)["message_id"]}

    return run


def answered_and_keyword():
    """\\Answered and a keyword, then read back in a new session: what DavMail keeps is on the server."""
    target = nth(2)["message_id"]
    ok(state["imap"].store(str(nth(2)["seq"]), "+FLAGS", "(\\Answered $label1)"))
    fresh = imaplib.IMAP4("127.0.0.1", IMAP_PORT)
    try:
        ok(fresh.login(USER, PASSWORD))
        ok(fresh.select("INBOX"))
        found = ok(fresh.search(None, "HEADER", "Message-ID", target))[0].split()
        if len(found) != 1:
            raise RuntimeError(f"SEARCH HEADER Message-ID found {len(found)} messages")
        flags = ok(fresh.fetch(found[0].decode(), "(FLAGS)"))[0].decode()
    finally:
        fresh.logout()
    return {"message_id": target, "flags": re.search(r"FLAGS \(([^)]*)\)", flags).group(1).split()}


def search():
    imap = state["imap"]
    unseen = ok(imap.search(None, "UNSEEN"))[0].split()
    word = "question"
    subject = ok(imap.search(None, "SUBJECT", word))[0].split()
    return {"unseen": len(unseen), "subject_word": word, "subject": len(subject)}


def copy():
    ok(state["imap"].copy(str(nth(3)["seq"]), "Travel"))
    return {"message_id": nth(3)["message_id"]}


def move():
    ok(state["imap"]._simple_command("MOVE", str(nth(4)["seq"]), "Receipts"))
    return {"message_id": nth(4)["message_id"]}


def delete():
    # Sequence numbers shifted with the move: find the message again by its Message-ID.
    imap = state["imap"]
    target = nth(5)["message_id"]
    found = ok(imap.search(None, "HEADER", "Message-ID", target))[0].split()
    if len(found) != 1:
        raise RuntimeError(f"SEARCH HEADER Message-ID found {len(found)} messages")
    ok(imap.store(found[0].decode(), "+FLAGS", "(\\Deleted)"))
    ok(imap.expunge())
    return {"message_id": target}


def append():
    msg = EmailMessage()
    msg["From"] = USER
    msg["To"] = "ada@tern.test"
    msg["Subject"] = "Draft through DavMail %x" % int(time.time() * 1000)
    msg["Message-ID"] = "<draft-%x@tern.test>" % int(time.time() * 1000)
    msg.set_content("A draft saved with IMAP APPEND.")
    ok(state["imap"].append("Drafts", "(\\Seen \\Draft)", None, msg.as_bytes()))
    return {"subject": msg["Subject"]}


def quoted(name):
    """imaplib sends arguments as they are: a name with a space must be a quoted string."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def folders():
    imap = state["imap"]
    # Names no other client's steps use, so this step starts from nothing.
    ok(imap.create("Trips"))
    ok(imap.rename("Trips", quoted("Trips 2026")))
    ok(imap.create(quoted("Old stuff")))
    ok(imap.delete(quoted("Old stuff")))
    return {"created": "Trips 2026", "deleted": "Old stuff"}


def smtp_send():
    msg = EmailMessage()
    msg["From"] = "Demo User <%s>" % USER
    msg["To"] = "Ada Lovelace <ada@tern.test>"
    msg["Subject"] = "DavMail to Ada %x" % int(time.time() * 1000)
    msg.set_content("Sent through DavMail's SMTP, stored by Tern.")
    with smtplib.SMTP("127.0.0.1", SMTP_PORT, timeout=60) as s:
        s.login(USER, PASSWORD)
        s.send_message(msg)
    return {"subject": msg["Subject"]}


if report("IMAP LOGIN", login):
    report("LIST", list_folders)
    if report("SELECT INBOX, FETCH headers", select_inbox) and len(state["inbox"]) >= 6:
        report("FETCH BODY[] (MimeContent)", fetch_body)
        report("STORE -FLAGS \\Seen", store(1, "(\\Seen)", False))
        report("SEARCH UNSEEN, SEARCH SUBJECT", search)
        report("STORE +FLAGS \\Seen", store(1, "(\\Seen)", True))
        report("STORE +FLAGS \\Flagged", store(2, "(\\Flagged)", True))
        report("STORE +FLAGS \\Answered $label1", answered_and_keyword)
        report("COPY", copy)
        report("MOVE", move)
        report("STORE \\Deleted, EXPUNGE", delete)
    report("APPEND to Drafts", append)
    report("CREATE, RENAME, DELETE folder", folders)
    state["imap"].logout()
report("SMTP send", smtp_send)
