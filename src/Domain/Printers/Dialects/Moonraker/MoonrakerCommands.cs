using System.Text.Json.Nodes;

namespace PrintFarm.Printers.Dialects;

/// <summary>JSON-RPC 2.0 requests for <c>{instance}/moonraker/api/request</c> (PROTOCOLS.md §3). Pure functions.</summary>
public static class MoonrakerCommands
{
    public static string RequestTopic(string instance) => $"{instance}/moonraker/api/request";
    public static string ResponseTopic(string instance) => $"{instance}/moonraker/api/response";

    public static string Pause(long id) => Request(id, "printer.print.pause");
    public static string Resume(long id) => Request(id, "printer.print.resume");
    public static string Cancel(long id) => Request(id, "printer.print.cancel");

    /// <summary>Start a file already in the gcodes root (relative path).</summary>
    public static string Start(long id, string filename)
    {
        if (string.IsNullOrWhiteSpace(filename)) throw new ArgumentException("A file name is needed.", nameof(filename));
        return Request(id, "printer.print.start", new JsonObject { ["filename"] = filename });
    }

    public static string Request(long id, string method, JsonObject? parameters = null)
    {
        if (string.IsNullOrWhiteSpace(method)) throw new ArgumentException("A method is needed.", nameof(method));
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null) request["params"] = parameters.DeepClone();
        request["id"] = id;
        return request.ToJsonString();
    }
}
