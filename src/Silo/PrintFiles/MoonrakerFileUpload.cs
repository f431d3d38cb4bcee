using System.Text.Json;
using PrintFarm.Printers.Files;

namespace PrintFarm.Silo.PrintFiles;

/// <summary>
/// Moonraker's upload (<c>POST server/files/upload</c>, multipart, root <c>gcodes</c>). It checks
/// the SHA-256 we send against what it wrote (422 when they differ), and its answer carries the
/// size it kept. The print starts with <c>printer.print.start</c> over MQTT.
/// </summary>
public static class MoonrakerFileUpload
{
    public static async Task Send(HttpClient http, PrintFileUpload upload, HttpContent file, CancellationToken cancellationToken)
    {
        var api = new Uri(new Uri(upload.Printer.Moonraker!.Url!), "server/files/upload");
        // The checksum is the design store's address: the farm never hashes the file again.
        using var form = new MultipartFormDataContent
        {
            { new StringContent("gcodes"), "root" },
            { new StringContent(upload.File.Sha256.ToLowerInvariant()), "checksum" },
            { file, "file", upload.FileName },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, api) { Content = form };
        if (upload.Secret is not null) request.Headers.Add("X-Api-Key", upload.Secret);
        using var answer = await http.SendAsync(request, cancellationToken);
        HttpUploadAnswer.Check(answer.StatusCode, "Moonraker");
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStreamAsync(cancellationToken));
        var size = body.RootElement.TryGetProperty("item", out var item) && item.TryGetProperty("size", out var s) && s.TryGetInt64(out var n) ? n : (long?)null;
        if (size is { } kept && kept != upload.File.Size)
            throw new PrintFileRefusedException($"Moonraker keeps {kept} bytes of the {upload.File.Size} sent", transient: true);
    }
}
