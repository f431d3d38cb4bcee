using System.Text.Json.Nodes;

namespace PrintFarm.Printers.Dialects;

/// <summary>
/// Commands for an OctoPrint instance. The MQTT plugin has no control topics (PROTOCOLS.md §2), so
/// the farm publishes OctoPrint's own REST bodies under the instance's base topic, for a bridge
/// such as OctoPrint-MQTTSubscribe to post: <c>{base}api/job</c> → <c>POST /api/job</c>, and
/// <c>{base}api/select</c> → <c>POST /api/files/local/{path}</c>. Pure functions.
/// </summary>
public static class OctoPrintCommands
{
    public static string JobTopic(string baseTopic) => Base(baseTopic) + "api/job";
    public static string SelectTopic(string baseTopic) => Base(baseTopic) + "api/select";

    public static string Pause() => new JsonObject { ["command"] = "pause", ["action"] = "pause" }.ToJsonString();
    public static string Resume() => new JsonObject { ["command"] = "pause", ["action"] = "resume" }.ToJsonString();
    public static string Cancel() => new JsonObject { ["command"] = "cancel" }.ToJsonString();

    /// <summary>Select a file already in OctoPrint's local storage and print it.</summary>
    public static string SelectAndPrint(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A file path is needed.", nameof(path));
        return new JsonObject { ["command"] = "select", ["print"] = true, ["path"] = path }.ToJsonString();
    }

    private static string Base(string baseTopic) => baseTopic.EndsWith('/') ? baseTopic : baseTopic + "/";
}
