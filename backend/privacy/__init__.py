"""The privacy lifecycle (AVG): what is kept how long, erasure on request, and subject access.

- `tracker`: Rasa's tracker store, where the transcript of every chat lives;
- `erasure`: deleting every row of one person (also used by the retention job);
- `retention`: the scheduled job that deletes each stage when its time has come;
- `access`: everything held about one person, in Dutch and in their own language.
"""
