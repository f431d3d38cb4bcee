using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrintFarm.Printers.Dialects;

/// <summary>A JSON-RPC 2.0 reply on <c>{instance}/moonraker/api/response</c>; one topic is shared by every request, so match by <see cref="Id"/>.</summary>
public sealed record MoonrakerResponse(long Id, bool Ok, JsonNode? Result, int? ErrorCode, string? ErrorMessage)
{
    /// <summary>Throws <see cref="FormatException"/> or <see cref="JsonException"/> for anything that is not a reply with a numeric id.</summary>
    public static MoonrakerResponse Parse(ReadOnlySpan<byte> payload)
    {
        var root = DialectJson.ParseObject(payload);
        if (DialectJson.String(root["jsonrpc"]) != "2.0") throw new FormatException("Not a JSON-RPC 2.0 message.");
        var id = DialectJson.Integer(root["id"]) ?? throw new FormatException("A reply needs a numeric id.");
        if (root["error"] is JsonObject error)
        {
            var message = DialectJson.String(error["message"]);
            return new MoonrakerResponse(id, false, null, DialectJson.Int32(error["code"]), message);
        }
        if (!root.ContainsKey("result")) throw new FormatException("A reply needs a result or an error.");
        return new MoonrakerResponse(id, true, root["result"]?.DeepClone(), null, null);
    }

    public bool Matches(long requestId) => Id == requestId;

    public override string ToString() => Ok
        ? $"#{Id.ToString(CultureInfo.InvariantCulture)} ok"
        : $"#{Id.ToString(CultureInfo.InvariantCulture)} error {ErrorCode}: {ErrorMessage}";
}
