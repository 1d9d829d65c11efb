"""exchangelib 4.9.0 (Debian's python3-exchangelib) through a day of mail against Tern.

Run by test/clients/exchangelib/check.ts with Debian's /usr/bin/python3. After each step it prints
one line, `STEP <json>` with the step's name, whether exchangelib raised, and what it saw; then it
waits for a line on stdin, so the runner can verify the step on the server before the next one.
Configured as EWS-CLIENTS.md section 2 describes: Basic auth, a fixed Exchange 2016 build, no
autodiscover, delegate access.
"""

import hashlib
import json
import sys
import time
import traceback

import exchangelib
from exchangelib import (
    BASIC,
    DELEGATE,
    FileAttachment,
    Folder,
    ItemAttachment,
    Account,
    Build,
    Configuration,
    Credentials,
    Mailbox,
    Message,
    Version,
)

EWS_URL, USER, PASSWORD = sys.argv[1], sys.argv[2], sys.argv[3]


def report(name, fn):
    """Runs one step; prints its result and waits for the runner to verify it."""
    try:
        data = fn()
        line = {"step": name, "ok": True, "data": data}
    except Exception as e:  # every exception is a failed step, reported with its cause
        tb = traceback.format_exc().strip().splitlines()
        line = {"step": name, "ok": False, "error": f"{type(e).__name__}: {e}", "trace": tb[-6:]}
    print("STEP " + json.dumps(line, default=str), flush=True)
    if sys.stdin.readline() == "":
        sys.exit(0)
    return line["ok"]


state = {}


def connect():
    config = Configuration(
        service_endpoint=EWS_URL,
        credentials=Credentials(USER, PASSWORD),
        auth_type=BASIC,
        version=Version(build=Build(15, 1, 2507, 0)),
    )
    state["account"] = Account(
        primary_smtp_address=USER, config=config, autodiscover=False, access_type=DELEGATE
    )
    return {"version": exchangelib.__version__}


def walk():
    account = state["account"]
    names = [f.name for f in account.root.walk()]
    return {"names": names}


def sync_hierarchy():
    root = state["account"].msg_folder_root
    # Each change is (change_type, folder); the second pass starts from the saved SyncState.
    first = [f.name for change_type, f in root.sync_hierarchy() if change_type == "create"]
    second = list(root.sync_hierarchy())
    return {"first": first, "second": second}


def sync_items():
    inbox = state["account"].inbox
    created = []
    for change_type, item in inbox.sync_items(max_changes_returned=5):
        if change_type == "create":
            created.append(
                {
                    "id": item.id,
                    "message_id": item.message_id,
                    "subject": item.subject,
                    "has_attachments": item.has_attachments,
                }
            )
    again = list(inbox.sync_items(max_changes_returned=5))
    state["inbox"] = created
    return {"created": created, "second_pass_changes": len(again)}


def newest_and_filter():
    inbox = state["account"].inbox
    newest = [m.message_id for m in inbox.all().order_by("-datetime_received")[:10]]
    subject = state["inbox"][0]["subject"]
    by_subject = [m.message_id for m in inbox.filter(subject=subject)]
    unread = inbox.filter(is_read=False).count()
    return {"newest": newest, "subject": subject, "by_subject": by_subject, "unread": unread}


def item(n):
    return state["account"].inbox.get(id=state["inbox"][n]["id"])


def set_read(n, value):
    def run():
        m = item(n)
        m.is_read = value
        m.save(update_fields=["is_read"])
        return {"message_id": m.message_id, "changekey": m.changekey}

    return run


def attachment():
    for summary in state["inbox"]:
        if not summary["has_attachments"]:
            continue
        m = state["account"].inbox.get(id=summary["id"])
        files = [a for a in m.attachments if isinstance(a, FileAttachment)]
        if files:
            return {
                "message_id": m.message_id,
                "files": [{"name": a.name, "sha256": hashlib.sha256(a.content).hexdigest()} for a in files],
            }
    raise RuntimeError("no message in the Inbox has a file attached")


def attached_email():
    """An email attached to a message: exchangelib reads it with GetAttachment (MIME and properties)."""
    for summary in state["inbox"]:
        if not summary["has_attachments"]:
            continue
        m = state["account"].inbox.get(id=summary["id"])
        for a in m.attachments:
            if isinstance(a, ItemAttachment):
                inner = a.item
                return {
                    "name": a.name,
                    "subject": inner.subject,
                    "body": str(inner.text_body or inner.body or ""),
                    "sender": inner.sender.email_address if inner.sender else None,
                    "mime_sha256": hashlib.sha256(inner.mime_content or b"").hexdigest(),
                }
    raise RuntimeError("no message in the Inbox has an attached email")


def attach_detach():
    """A saved draft gets files with CreateAttachment and loses one with DeleteAttachment."""
    subject = "exchangelib attachments %x" % int(time.time() * 1000)
    m = Message(account=state["account"], folder=state["account"].drafts, subject=subject, body="Files follow.")
    m.save()
    kept = FileAttachment(name="kept.txt", content=b"kept by exchangelib")
    gone = FileAttachment(name="gone.txt", content=b"removed again")
    m.attach([kept, gone])
    m.detach(gone)
    return {"subject": subject, "kept": "kept.txt", "sha256": hashlib.sha256(b"kept by exchangelib").hexdigest()}


def copy():
    m = item(2)
    target = state["account"].msg_folder_root / "Travel"
    m.copy(to_folder=target)
    return {"message_id": m.message_id}


def move():
    m = item(3)
    m.move(state["account"].trash)
    return {"message_id": m.message_id, "new_id": m.id}


def delete():
    m = item(4)
    m.delete()
    return {"message_id": m.message_id}


def folders():
    inbox = state["account"].inbox
    kept = Folder(parent=inbox, name="From exchangelib")
    kept.save()
    kept.name = "Renamed by exchangelib"
    kept.save()
    gone = Folder(parent=inbox, name="Short-lived")
    gone.save()
    gone.delete()
    return {"renamed": "Inbox/Renamed by exchangelib", "before": "Inbox/From exchangelib", "deleted": "Inbox/Short-lived"}


def send():
    subject = "exchangelib to Ada %x" % int(time.time() * 1000)
    m = Message(
        account=state["account"],
        subject=subject,
        body="Sent by exchangelib through Tern.",
        to_recipients=[Mailbox(email_address="ada@tern.test")],
    )
    content = ("Minutes of %s\n" % subject).encode()
    m.attach(FileAttachment(name="minutes.txt", content=content))
    m.send_and_save()
    return {"subject": subject, "file": "minutes.txt", "sha256": hashlib.sha256(content).hexdigest()}


if report("connect", connect):
    report("root.walk()", walk)
    report("sync_hierarchy (twice)", sync_hierarchy)
    if report("sync_items", sync_items) and len(state["inbox"]) >= 5:
        # One message unread first, so that filter(is_read=False) has something to find.
        report("mark unread (is_read=False)", set_read(1, False))
        report("order_by, slice, filter, count", newest_and_filter)
        report("mark read (is_read=True)", set_read(1, True))
        report("read an attachment", attachment)
        report("read an attached email", attached_email)
        report("attach to and detach from a draft", attach_detach)
        report("copy", copy)
        report("move to trash", move)
        report("delete", delete)
    report("create, rename, delete a folder", folders)
    report("send_and_save", send)
