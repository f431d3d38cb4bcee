namespace PrintFarm.Printers.Links;

/// <summary>
/// How a printer's link is doing, as operators see it: its state and why, what the firmware said
/// to the last command, and what it has received. Pure and single-threaded (the link grain owns
/// it). Problems are plain words and never hold a secret.
/// </summary>
public sealed class LinkHealth
{
    private LinkState _state = LinkState.None;
    private string? _problem, _commands, _files;
    private DateTimeOffset? _connectedSince, _lastMessageAt;
    private long _received, _dropped;
    private int _failedAttempts;

    public bool IsConnected => _state == LinkState.Connected;
    public DateTimeOffset? LastMessageAt => _lastMessageAt;

    public void NotRegistered(bool registered)
    {
        _state = LinkState.None;
        _problem = registered ? null : "not registered";
    }

    public void Connecting()
    {
        _state = LinkState.Connecting;
        _problem = null;
    }

    public void Misconfigured(string problem)
    {
        _state = LinkState.Misconfigured;
        _problem = problem;
    }

    public void Connected(DateTimeOffset at)
    {
        _state = LinkState.Connected;
        _connectedSince = at;
        _problem = null;
        _failedAttempts = 0;
    }

    /// <summary>The connection dropped, or a try failed: a try that never got connected counts as a failed attempt.</summary>
    public void Lost(string? problem)
    {
        if (_state != LinkState.Connected) _failedAttempts++;
        _state = LinkState.Retrying;
        _connectedSince = null;
        _problem = problem;
    }

    public void Received(DateTimeOffset at)
    {
        _received++;
        _lastMessageAt = at;
    }

    public void Dropped() => _dropped++;

    /// <summary>What the printer said to a command; returns true when it changed whether commands are refused.</summary>
    public bool Replied(CommandReply reply)
    {
        var before = _commands;
        _commands = reply.Accepted ? null : $"commands refused by firmware: {reply.Command} ({reply.Reason})";
        return before != _commands;
    }

    public void FileSending(string fileName) => _files = $"{fileName}: uploading";

    public void FileSent(string fileName, DateTimeOffset at) => _files = $"{fileName}: uploaded at {at:u}";

    public void FileRefused(string fileName, string problem) => _files = $"{fileName} not uploaded: {problem}";

    public PrinterLinkStatus Status() => new()
    {
        State = _state,
        Problem = _problem,
        Commands = _commands,
        ConnectedSince = _connectedSince,
        LastMessageAt = _lastMessageAt,
        MessagesReceived = _received,
        MessagesDropped = _dropped,
        FailedAttempts = _failedAttempts,
        Files = _files,
    };
}
