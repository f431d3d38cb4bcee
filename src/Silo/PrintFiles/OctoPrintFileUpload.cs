using System.Net.Http.Headers;
using System.Text.Json;
using PrintFarm.Printers.Files;

namespace PrintFarm.Silo.PrintFiles;

/// <summary>
/// OctoPrint's REST upload (<c>POST api/files/local</c>, multipart, <c>X-Api-Key</c>), then its
/// file information, whose size must be the file's. Selecting and printing stay with the MQTT
/// command, as for a file that was already there.
/// </summary>
public static class OctoPrintFileUpload
{
    public static async Task Send(HttpClient http, PrintFileUpload upload, HttpContent file, CancellationToken cancellationToken)
    {
        var api = new Uri(new Uri(upload.Printer.OctoPrint!.Url!), "api/files/local");
        using var form = new MultipartFormDataContent { { file, "file", upload.FileName }, { new StringContent("false"), "select" }, { new StringContent("false"), "print" } };
        using (var request = Request(HttpMethod.Post, api, upload.Secret, form))
        using (var answer = await http.SendAsync(request, cancellationToken))
            HttpUploadAnswer.Check(answer.StatusCode, "OctoPrint");

        using var ask = Request(HttpMethod.Get, new Uri(api + "/" + Uri.EscapeDataString(upload.FileName)), upload.Secret, null);
        using var info = await http.SendAsync(ask, cancellationToken);
        HttpUploadAnswer.Check(info.StatusCode, "OctoPrint");
        using var body = JsonDocument.Parse(await info.Content.ReadAsStreamAsync(cancellationToken));
        var size = body.RootElement.TryGetProperty("size", out var s) && s.TryGetInt64(out var n) ? n : (long?)null;
        if (size != upload.File.Size)
            throw new PrintFileRefusedException($"OctoPrint keeps {size?.ToString() ?? "no size"} bytes of the {upload.File.Size} sent", transient: true);
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, string? key, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }
}
