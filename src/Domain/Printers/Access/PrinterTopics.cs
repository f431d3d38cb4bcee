using PrintFarm.Protocol;

namespace PrintFarm.Printers.Access;

/// <summary>
/// The topics one printer owns on the farm's broker, by how it speaks: a native printer its three
/// channels under <c>farm/printers/{id}/</c> and its commands; an OctoPrint instance everything under
/// its base topic; a Moonraker instance everything under <c>{instance}/</c>.
/// </summary>
public sealed class PrinterTopics
{
    private readonly string[] _publish;
    private readonly string[] _subscribe;
    private readonly string? _prefix;
    private readonly string? _retained;

    private PrinterTopics(string printerId, string[] publish, string[] subscribe, string? prefix, string? retained)
    {
        PrinterId = printerId;
        _publish = publish;
        _subscribe = subscribe;
        _prefix = prefix;
        _retained = retained;
    }

    public string PrinterId { get; }

    /// <summary>The dialect printer's own subtree (<c>octoprint/o-1/</c>), or null for a native printer.</summary>
    public string? Prefix => _prefix;

    public static PrinterTopics Native(string printerId) => new(printerId,
        [FarmTopics.For(printerId, FarmTopics.Telemetry), FarmTopics.For(printerId, FarmTopics.Events), FarmTopics.For(printerId, FarmTopics.Status)],
        [FarmTopics.For(printerId, FarmTopics.Commands)],
        prefix: null,
        retained: FarmTopics.For(printerId, FarmTopics.Status));

    /// <summary>OctoPrint-MQTT publishes and listens under its base topic (which ends with '/').</summary>
    public static PrinterTopics OctoPrint(string printerId, string baseTopic) =>
        new(printerId, [], [], baseTopic.EndsWith('/') ? baseTopic : baseTopic + "/", retained: null);

    /// <summary>Moonraker publishes <c>{instance}/moonraker/…</c> and <c>{instance}/klipper/…</c> and listens on <c>{instance}/moonraker/api/request</c>.</summary>
    public static PrinterTopics Moonraker(string printerId, string instance) => new(printerId, [], [], instance + "/", retained: null);

    public bool SameAs(PrinterTopics other) => PrinterId == other.PrinterId && AclLines().SequenceEqual(other.AclLines());

    public bool MayPublish(string topic, bool retain)
    {
        if (!Owns(topic)) return false;
        // A native printer retains its status (online, capabilities) and nothing else; a dialect
        // printer retains what its firmware retains, on its own topics only.
        return !retain || _retained is null || topic == _retained;
    }

    private bool Owns(string topic) => _prefix is not null
        ? topic.Length > _prefix.Length && topic.StartsWith(_prefix, StringComparison.Ordinal)
        : Array.IndexOf(_publish, topic) >= 0;

    /// <summary>A filter is allowed only when everything it can match is the printer's own: no '#' above its subtree, no '+' in its prefix.</summary>
    public bool MaySubscribe(string filter)
    {
        if (_prefix is not null) return filter.Length > _prefix.Length && filter.StartsWith(_prefix, StringComparison.Ordinal);
        return Array.IndexOf(_subscribe, filter) >= 0;
    }

    /// <summary>mosquitto <c>acl_file</c> lines for this printer (after its <c>user</c> line).</summary>
    public IEnumerable<string> AclLines()
    {
        if (_prefix is not null)
        {
            yield return $"topic readwrite {_prefix}#";
            yield break;
        }
        foreach (var topic in _publish) yield return $"topic write {topic}";
        foreach (var filter in _subscribe) yield return $"topic read {filter}";
    }
}
