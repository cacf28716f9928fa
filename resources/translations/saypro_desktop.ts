<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name></name>
    <message>
        <source>Row {row}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…and {n} more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 person written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} people written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 organisation written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} organisations written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 meeting or event written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} meetings and events written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only people who agreed to be contacted by {channel}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out everyone who has not agreed, or has withdrawn their agreement, to be contacted this way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the &amp;organisations to a second file beside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The people file already names each person&apos;s organisation; this adds “…-organisations” with every organisation&apos;s details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds personal data. Keep it somewhere safe, share it only with people who need it, and delete it when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisations are in {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matched these choices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a contact list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV, TSV or text files, Excel workbooks (.xlsx), vCard files (.vcf) and calendars (.ics) from Google, Outlook, Thunderbird, Mailchimp and others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;People: add them to the contact list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attendees of an event: its RSVP list, or who came to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisations: add them to the partners list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A column mapping you saved for an earlier file from the same tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file lists:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Saved mapping:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: match the columns by their names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendee lists cannot be imported from this window yet. Use the command line for now: saypro import FILE --kind attendees --event EVENT-ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no events yet to import attendees into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a contact list to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file at {path}. Choose the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import column {column} as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match the columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what each column holds. Columns set to “Ignore” are not imported. Nothing is saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: Google export from the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the mapping a name to use it again for next month&apos;s file from the same tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve this mapping as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected: {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rows}, {columns} in {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every column is set to “Ignore”. Choose what at least one column holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the packets to which folder?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dates below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One PDF per partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also one combined PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent by post (letter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent by e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Covers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the cover letter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write packets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No partners are chosen: tick one or more, or choose a stage that has partners.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An action plan is for one partner: tick just one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a meeting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pages} pages. Save or print it, or change the choices and preview again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick one PDF per partner, a combined PDF, or both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing partnership packets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after this packet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {files} files to {folder}; {logged} packets logged on the partners&apos; timelines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot preview this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check before importing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first rows as they will be stored. A backup is made first, and the import is applied whole or not at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first {shown} of {total} rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All rows of the file ({total}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worth checking in the file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows left out, and values left out of imported rows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial run: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New meetings: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already here: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New organisations: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated (empty fields filled in): {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already here, nothing new: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows merged with another row: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New people: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows merged with another row or person: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicates to check: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent answers recorded: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to the event: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the RSVP list: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows skipped: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the possible duplicates on the Sync page, Possible duplicates tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping; nothing will be written…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You stopped the import. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} rows of this file cannot be understood. Nothing has been written yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row of this file cannot be understood. Nothing has been written yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip these rows and import the rest, or cancel, correct the file and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some rows cannot be imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Skip these rows and import the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database {path} could not be opened ({error}). The details are in {log}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrading {name} for this version of SayPro Desktop. A copy is kept first; a large database takes a minute or two, once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore the newest backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not restore the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored {backup}.
The damaged file is kept as {aside}; changes made after the backup are not in the restored copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another import is running; your change is saved when it has finished…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} follow-ups and action items due or overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SayPro Desktop databases (*.sqlite3 *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other databases opened yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{app} {version}

Offline coalition building for field organisers.

Database: {path}
Data folder: {folder}
Backups: {backups}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No referrals yet: record who introduced whom on a person&apos;s page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (introduced {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <extracomment>The dashboard opens its commitment figures here (a RecordsRequest for these tables).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our organisation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (steering committee)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no chair yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;working group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Represented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still in the pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none — a gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introduced by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introduced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What came of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search this tab…  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steering committee &amp;&amp; &amp;working groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Representation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Commitments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;ncerns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who introduced &amp;whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coalition could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not chosen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{open} open, {done} addressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet represented: {list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every {d} is represented.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p} pledged, {d} delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coalition was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which organisation are we?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose our organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New working group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group was not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a member to {group}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member was not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteer, Youth, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Lerato Mokoena, Sipho Ndlovu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New petition…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Venue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ward or &amp;area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpected attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Working group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Petition to sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New petition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What does the petition ask for?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the petition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the sign-in desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change this laptop&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk fills the screen for “{event}”. People find their own name and sign in; nothing else of the app can be reached. Leaving the desk needs the organiser PIN of this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New PIN (4–12 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the desk a name (e.g. “Front door”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current PIN is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new PINs differ; type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add people to the RSVP list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search people by name, email, phone or organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May we contact them? (consent per channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This may already be here: {name}{place} — {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>And {n} more alike.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name, email or phone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record an introduction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not yet known)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the introduction came about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person introduced (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not assessed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this score?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(priority)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;New assessment&lt;/b&gt; (earlier ones are kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest&lt;/b&gt; ({date}{by})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mission alignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operational compatibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority: {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no stage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move along the pipeline (the move is kept in the history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make primary contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Referrals&lt;/b&gt; — who introduced them, and what came of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record an introduction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set what came of it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this organisation (Ctrl+Z brings it back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a call, letter, visit or meeting with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in at least the name, then Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contact: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last changed {when:%d %b %Y}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose who made the introduction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a call, letter, visit or message with this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in at least a name, then Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {created:%d %b %Y} · last changed {updated:%d %b %Y %H:%M}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name}? The deletion will reach other laptops when you sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign &amp; reforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns &amp;&amp; objectives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{a} of {t} ({p:.0%})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add phase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add objective…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policymakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a reform to see its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Obstacles and how they are addressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add media item…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Told by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not linked to a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not given — do not use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add story…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No campaign yet: start one with New campaign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No phases yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet addressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (custom phase)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objective (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target (a rate as %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New reform or policy ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to this reform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of its title…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to link: every one is linked already, or none has been recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the chosen meeting, concern or media item off this reform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record how it is &amp;addressed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move to stage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note a &amp;position…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;obstacle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;xt action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link a meeting, concern or media…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New reform…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reforms yet: add the first with New reform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note a policymaker&apos;s position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policymaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add obstacle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Obstacle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it is being addressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noted on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the obstacle is addressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlinked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add media item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reach (people)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The teller consents to its use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell it anonymously</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key in paper sheets — {event}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row code (e.g. A7), or a new person&apos;s first name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a row code or a name, then press Enter. Page Down starts the next page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet &amp;page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code or first name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {page} row {row}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: type a row code or a name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one has the code {code} on this event&apos;s sheet; check it, or type the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: a new person needs a first and a last name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is this someone already here? Press a number, or N for someone new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N: no, a new person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {who} was already signed in (at {time}); not counted twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {who} — saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: not saved — {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it was addressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the meeting notes here; they save themselves.
Ctrl+Shift+A turns the line under the cursor into an action item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online link (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar file (.ics)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add organisation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add attendee…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One agenda item a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the meeting decided, one a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add action item…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commitments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;commitment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Thank-you note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concerns, barriers and feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add co&amp;ncern…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addressed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line → action item (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;genda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dec&amp;isions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action &amp;items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commitments &amp;&amp; concerns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action &amp;items ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notes were not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The meeting was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change who takes part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The meeting was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save calendar file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calendar file was not written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add action item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make an action item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change action item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete action item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How was it addressed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The concern was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a partner to see its action plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;partner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pledges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concerns and barriers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose action plan?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action plan could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no stage yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action plan: {org} ({stage})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next meeting: {title}, {when}{place}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No meeting planned yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all meetings</source>
        <extracomment>The dashboard opens its meeting figures here (a RecordsRequest for these tables).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search meetings by title, type or organisation…  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a meeting (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search above; the type filter narrows the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a meeting on the left, or add one with New meeting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action &amp;plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The meetings could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The meeting could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The meeting was not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p} priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, emails, phones, organisations…  (Ctrl+F)</source>
        <extracomment>The dashboard opens its people figures here (a RecordsRequest for these tables).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May be the same as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge the two</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the older record and move all history to it (Ctrl+Z undoes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No possible duplicates waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, emails, phones, places…  (Ctrl+F)</source>
        <extracomment>The dashboard opens its organisation figures here (a RecordsRequest for these tables).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All focus areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an organisation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an organisation to see its details, members, assessment and timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No organisation matches these filters.
Try fewer words, or clear some filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No organisations yet.
Add one with “Add organisation” (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:,} organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to {stage}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge into {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edit of {name}’s {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a person (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a contact list: CSV, Excel, vCard or a calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export people, organisations or the calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right-click to show or hide columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a person to see and edit their details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one matches these filters.
Try fewer words, or clear the category, tag and stage filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No people yet.
Add someone with “Add person” (Ctrl+N), or import a contact list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:,} people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating a demo coalition…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping; nothing will be kept…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create demo data: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on one device, changed on another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{device}, {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person {id} (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table} {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept: changed on {origin}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on {origin}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} ({origin})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type a value…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These were changed on two devices before either saw the other&apos;s change. Both values are kept until you choose; your choice reaches every device when you sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts: every change from every device fits together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conflicts ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep shown value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete it after all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;other value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use another value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which value is right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The right value for {field} of {record}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settled: {field} of {record}. The choice reaches other devices when you sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving your choice…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not settle the conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked: files refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last file imported from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No devices on the roster yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this computer so far. Add a laptop with “Invite a laptop…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Devices ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite a laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name for the new laptop (for example “Laptop 3” or the organiser&apos;s name):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a passphrase for the invitation (at least 8 characters).
You will tell it to the person; never send it with the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters; this one has {k}. Nothing was made; please try again with a longer one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are different. Nothing was made; please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the invitation file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the invitation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not make the invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invitation for {name} written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invitation ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Copy the file to the laptop (for example on a USB stick).
2. Tell the person the passphrase separately: in person or by phone, never together with the file.
3. On the laptop, open SayPro, go to Sync and choose “Join with an invitation file…”.
4. Then delete the invitation file from the stick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke a lost laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no laptop on the roster to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which laptop was lost or stolen?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke {name}?

Files made by {name} will be refused from now on, including any it has not delivered yet. Changes already imported stay. This cannot be undone; if the laptop turns up, invite it again under a new name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is revoked. Export updates for the field so every laptop knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not revoke the laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import sync files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to see the records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{share:.0%} of the {target} target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coalition diversity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All activity (choose dates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All activity, {range}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {of} replied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{actual} of {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response rate by channel (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response rate by stakeholder category (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concerns by category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reforms by stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners by engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media reach by kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} partners.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No partner yet among: {gaps}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners by category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners by level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners by province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no SayPro sync files (.sayprobundle) there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to import: every file was imported already or cannot be used. Nothing will change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ready} of {total} files can be imported. Each file is applied whole or not at all, and a backup is made first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes applied: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files: {applied} imported, {already} already imported, {refused} refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You stopped the import; files not touched: {n}. Import them later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refused file changes nothing; the Details column says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts to review: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review them in the Conflicts and Possible duplicates tabs of the Sync page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some changes have not arrived yet. They come with a later file from that device; nothing is lost:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looks like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not the same person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same person may have been entered on two laptops. Merging keeps the older record, fills its empty fields from the other and moves their history over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No possible duplicates: nobody seems to have been entered twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Possible duplicates ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge two people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge {first} and {second} into one person?

The older record is kept; its empty fields are filled from the other. The merge reaches other laptops when you sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged {first} and {second}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noted: {first} and {second} are different people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: share changes with the office, no internet needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is not set up for sync yet.

Computers share their work through files carried on a USB stick. A field laptop writes its changes to a file, and the office imports it. The office writes an update file back, so every laptop gets everyone&apos;s changes. Nothing is overwritten: when two people change the same thing, both versions are kept until someone chooses.

• At the office: set this computer up as the office, once. It then makes an invitation file for each laptop.
• On a field laptop: join with the invitation file and the passphrase the office gives you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up this computer as the &amp;office…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join with an invitation file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ull snapshot (everything)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every change this computer holds, not only the ones the others have not confirmed yet. Use it for a new laptop or when files were lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import sync files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose .sayprobundle files to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import every sync file in a folder, such as a USB stick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In&amp;vite a laptop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke a lost laptop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer: {name} — {role}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>office device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the files laptops bring in, then export updates for the field so every laptop receives everyone&apos;s changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export updates for the field…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export your changes to a USB stick and import the file at the office. Import the office&apos;s update files here to receive everyone else&apos;s changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export changes for the office…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name for this computer, as the laptops will see it.
Do this on one computer only: the office&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is now the office. Next: invite each laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the office…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set up the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the invitation file from the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join with an invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase the office gave you for this invitation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This laptop has joined. Next: export your changes for the office, and import the office&apos;s update files to receive everyone else&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the invitation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the sync file (for example a USB stick)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the sync file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} changes written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the file to each laptop and import it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the file to the office and import it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose sync files to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder of sync files (for example a USB stick)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the sync files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing sync files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping; nothing of this file will be kept…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last import: changes applied {n}; conflicts to review {c}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your first name, surname, email or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type at least 3 letters to find your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&apos;m new here — add me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on the list? Tap the green button.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one found. Check the spelling, or tap &quot;I&apos;m new here&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap your name (or press Enter) to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ward or area (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May we keep in touch? Tick any you agree to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign me in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome! Tell us who you are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only your first and last name are needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the petition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No, I&apos;m new here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have we met before?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may already be on our list. Tap your name if it is you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, that&apos;s me: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done — next person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You signed in at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You&apos;re already on the list, {name} — no need to sign in again. Enjoy {event}!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You&apos;re signed in to {event}. ✔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also sign the petition “{title}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organiser PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the sign-in desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisers only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter this laptop&apos;s organiser PIN to leave the desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in — {event}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to {event}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your details stay with the organisers and are never shown on this screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please type your first and your last name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work; please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for signing the petition!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many tries. Wait a minute, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocked. Leave the desk, or go back to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the sign-in &amp;desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key in &amp;paper sheets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to the &amp;RSVP list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import an RSVP list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport attendance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find someone who came (name, email, phone, area)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo the chosen sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Came</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who came</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSVP list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organisers: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campaign: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working group: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>petition: “{title}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:,} expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>showing the events these sign-ins were taken at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>showing the events these signatures were collected at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 signature was not collected at an event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:,} signatures were not collected at an event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events &amp; sign-in</source>
        <extracomment>The dashboard opens its event, attendance and signature figures here.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSVPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an event on the left, or add one with “New event”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of these events is in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events yet. Add the first with “New event”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None here: see “All events”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add to the RSVP list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} attendees written to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take back the sign-in of {name}? The consents and the petition signature given with it are taken back too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not undo the sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— us (not assigned yet) —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who owns it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. R2 000 for transport; the church hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Hall for 150 on Saturday mornings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliver by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quantity / amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the organisation to the meeting first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concern, barrier or feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised &amp;by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What was said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{when} (planned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <extracomment>(table, record id) of the entry a person activated (double-click / Enter).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:,} entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a person or organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of a name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation / category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches; try fewer letters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to Committed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} committed. Move it to Committed in the pipeline?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log an interaction</source>
        <extracomment>Asked when the outcome is &quot;committed&quot; (tests replace it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody chosen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— not recorded —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Introduced the campaign; they asked for data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— no outcome yet —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;By (our side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned: it shows under Coming up on Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interaction was not logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit template: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placeholders (double-click to insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first lines are Title:, Ask: and Subject:; then an empty line; then the letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write letters as email drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit a &amp;copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any focus area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} chosen organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (my copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The letter could not be previewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody can be written to yet (see the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To: {to}
Subject: {subject}

{body}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} drafts will be written; {k} skipped (listed with the reason).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ {name}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drafts were not written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} drafts written to {folder}; each is logged as an interaction. {k} skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday (1 day overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} ({n} days overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search follow-ups, action items and outreach…  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log interaction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a call, letter, visit or message (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write letters…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letters of introduction and thank-you notes as email drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your organisation on the Coalition page to see the action items assigned to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not assigned yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected follow-up or action item done (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a date…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reassign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log the follow-&amp;up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log the call or email that answers this follow-up (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (planned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All &amp;outreach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today, {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{overdue} overdue · {today} due today · {upcoming} coming up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups due today and overdue ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open action items assigned to us ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coming up in the next two weeks ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} interactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your organisation on the Coalition page first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{verb} “{what}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This may already be here: {name}{where} — {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is the database already open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} already exists, so no new database was made there. To work on it, choose File &gt; Open database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is no longer there: it was moved or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not make today&apos;s safety copy of the database ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a bar to see its records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The file could not be read or written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({error}). Nothing was half-written; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not finish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>CSV (Excel, Google Sheets, Mailchimp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard (phones, Outlook, Google Contacts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard files (*.vcf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (Excel, Google Sheets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar (.ics: Outlook, Google Calendar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings and events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>post</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Contact lists (*.csv *.tsv *.txt *.vcf *.xlsx *.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV, TSV or text (*.csv *.tsv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard (*.vcf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Contacts export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Contacts export (older format)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outlook contacts export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thunderbird address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailchimp audience export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NGP VAN export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ActionKit export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LinkedIn connections export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event Espresso registrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salesforce export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar export (CSV: meetings and events)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A table of contacts (columns matched by their names)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard contacts file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iCalendar file (meetings and events)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicate of {rest}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same person as row {rest}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same organisation as row {rest}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already here, nothing new: {rest}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update {rest}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each row becomes a person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each row becomes a person on the event&apos;s RSVP list (an event still to come) or signed in to it (an event already held).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each row becomes an organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each row becomes a meeting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone (mobile first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name (split if no first/last)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Middle name (kept in notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country (decides the phone region)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday (kept in notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second email (kept in notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second phone (kept in notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus areas (comma-separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry (category if it is one, else notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start time (its own column)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End time (its own column)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All-day event (yes/no)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendees (kept in notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organiser (kept in notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Pre-campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Briefing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank-you note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join coalition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event hosting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endorsement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expertise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staffing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bureaucracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awareness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Town hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>March</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webinar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community forum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healthcare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mental health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Housing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Education</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Food security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Justice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child welfare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Social grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Op-ed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Social post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introductory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steering committee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policymaker follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spokesperson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Political resistance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal constraints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being addressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Champion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supportive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implemented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Social service provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nonprofit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advocacy group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grassroots group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal aid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faith-based</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Youth / student group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policymaker (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policymaker (provincial)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policymaker (national)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Academic / think tank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corporate / CSR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Philanthropy / foundation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In committee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outreach &amp; follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events &amp; sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coalition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign &amp; reforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Said no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>SayPro invitations (*.sayproinvite);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped, nothing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SayPro bundles (*.sayprobundle)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
