using System.Text.Json.Nodes;

namespace PrintFarm.Silo.Telemetry.Dialects;

/// <summary>
/// Commands for an OctoPrint instance (PROTOCOLS.md §2). The MQTT plugin has no control topics:
/// OctoPrint is driven by its REST API. These are the REST request bodies, sent over MQTT to
/// <c>{base}api/job</c> and <c>{base}api/files/local/{path}</c>, the topic-per-endpoint mapping the
/// OctoPrint-MQTTSubscribe plugin is configured with (and the simulator obeys). Pure functions.
/// </summary>
public static class OctoPrintCommands
{
    /// <summary><c>POST /api/job</c>.</summary>
    public static string JobTopic(string baseTopic) => Base(baseTopic) + "api/job";

    /// <summary><c>POST /api/files/local/{path}</c>.</summary>
    public static string FileTopic(string baseTopic, string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('+') || path.Contains('#'))
            throw new ArgumentException($"Bad file path '{path}'.", nameof(path));
        return Base(baseTopic) + "api/files/local/" + path.TrimStart('/');
    }

    /// <summary>Select a file already on OctoPrint and print it (to <see cref="FileTopic"/>).</summary>
    public static string SelectAndPrint() => new JsonObject { ["command"] = "select", ["print"] = true }.ToJsonString();

    public static string Pause() => new JsonObject { ["command"] = "pause", ["action"] = "pause" }.ToJsonString();
    public static string Resume() => new JsonObject { ["command"] = "pause", ["action"] = "resume" }.ToJsonString();
    public static string Cancel() => new JsonObject { ["command"] = "cancel" }.ToJsonString();

    private static string Base(string baseTopic)
    {
        if (string.IsNullOrWhiteSpace(baseTopic) || baseTopic.Contains('+') || baseTopic.Contains('#'))
            throw new ArgumentException($"Bad base topic '{baseTopic}'.", nameof(baseTopic));
        return baseTopic.EndsWith('/') ? baseTopic : baseTopic + "/";
    }
}
