using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrintFarm.PrinterSimulator.Dialects;

namespace PrintFarm.PrinterSimulator.Files;

/// <summary>
/// The HTTP file endpoints of the simulated OctoPrint and Moonraker printers (shared/FILES.md §5.1,
/// §5.2): one Kestrel on loopback serving every printer under its own path prefix, as a reverse
/// proxy in front of several printers would: <c>/octoprint/{id}/api/files/local</c> and
/// <c>/moonraker/{id}/server/files/upload</c>, plus the reads a farm checks an upload with. Each
/// printer wants its own API key in <c>X-Api-Key</c>; keys are never logged.
/// </summary>
public sealed class PrinterFileServer : IAsyncDisposable
{
    /// <summary>What Moonraker answers for an upload over the file being printed.</summary>
    public const string LoadedFileMessage = "File is loaded, upload not permitted";

    // Room for the multipart framing and form fields on top of the file itself.
    private const long FramingAllowance = 1024 * 1024;
    private static readonly string[] OctoPrintMachineCode = [".gcode", ".gco", ".g"];

    private readonly WebApplication _app;
    private readonly Dictionary<string, FileEndpointPrinter> _printers;
    private readonly string _temporaryFolder;
    private readonly long _maxUploadBytes;
    private readonly ILogger _logger;

    private PrinterFileServer(WebApplication app, IReadOnlyList<FileEndpointPrinter> printers, string temporaryFolder,
        long maxUploadBytes, ILogger logger)
    {
        _app = app;
        _printers = printers.ToDictionary(p => p.PathPrefix, StringComparer.Ordinal);
        _temporaryFolder = temporaryFolder;
        _maxUploadBytes = maxUploadBytes;
        _logger = logger;
    }

    /// <summary>The port it listens on (the one asked for, or the free one it took for 0).</summary>
    public int Port { get; private set; }

    /// <summary>The base URL a printer's API is reached at, ending in '/': <c>http://127.0.0.1:{port}/octoprint/{id}/</c>.</summary>
    public string UrlOf(FileEndpointPrinter printer) => $"http://127.0.0.1:{Port}/{printer.PathPrefix}";

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> before returning, so the port can be written in fleet.json.</summary>
    /// <param name="temporaryFolder">Where uploads are written while they arrive; on the same disk as the printers' folders.</param>
    public static async Task<PrinterFileServer> StartAsync(int port, IReadOnlyList<FileEndpointPrinter> printers, string temporaryFolder,
        long maxUploadBytes, ILogger logger, CancellationToken cancellationToken)
    {
        // The empty builder: no configuration files, environment URLs or request logging (which would print headers).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = maxUploadBytes + FramingAllowance;
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new PrinterFileServer(app, printers, temporaryFolder, maxUploadBytes, logger);
        app.UseRouting();
        app.MapPost("/octoprint/{id}/api/files/local", (RequestDelegate)server.OctoPrintUploadAsync);
        app.MapGet("/octoprint/{id}/api/files/local/{**name}", (RequestDelegate)server.OctoPrintFileAsync);
        app.MapPost("/moonraker/{id}/server/files/upload", (RequestDelegate)server.MoonrakerUploadAsync);
        app.MapGet("/moonraker/{id}/server/files/metadata", (RequestDelegate)server.MoonrakerMetadataAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"The printers' file endpoints cannot listen on 127.0.0.1:{port} (--files-port): {ex.Message}", ex);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        logger.LogInformation("File endpoints of {Printers} OctoPrint/Moonraker printers listen on http://127.0.0.1:{Port}/ (uploads up to {MaxUploadBytes} bytes)",
            printers.Count, server.Port, maxUploadBytes);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "The file endpoints did not stop cleanly");
        }
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task OctoPrintUploadAsync(HttpContext context)
    {
        if (Authorize(context, PrinterDialect.OctoPrint) is not { } printer) return;
        try
        {
            using var upload = await MultipartUpload.ReadAsync(context.Request, _temporaryFolder, _maxUploadBytes, context.RequestAborted)
                .ConfigureAwait(false);
            if (upload.FileName is not { Length: > 0 } fileName)
                throw new UploadRefusedException(StatusCodes.Status400BadRequest, "No file included");
            var folder = upload.Fields.GetValueOrDefault("path")?.Trim('/') ?? "";
            var name = PrinterStorage.Normalize(folder.Length > 0 ? $"{folder}/{fileName}" : fileName);
            if (name is null || printer.Storage.PathOf(name) is not { } target)
                throw new UploadRefusedException(StatusCodes.Status400BadRequest, $"Bad file name '{fileName}'");
            // OctoPrint takes G-code by extension; a zip (3MF) or binary G-code with a .gcode name is no better.
            if (!OctoPrintMachineCode.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || IsArchiveOrBinary(upload.FirstBytes))
                throw new UploadRefusedException(StatusCodes.Status415UnsupportedMediaType, $"Could not upload the file \"{fileName}\", invalid type");
            if (IsBeingPrinted(printer, name))
                throw new UploadRefusedException(StatusCodes.Status409Conflict, "Trying to overwrite file that is currently being printed");
            upload.MoveTo(target);
            Stored(printer, name, upload);

            var baseUrl = BaseUrl(context, printer);
            var resource = $"{baseUrl}api/files/local/{Escape(name)}";
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers.Location = resource;
            await WriteJsonAsync(context, new JsonObject
            {
                ["files"] = new JsonObject
                {
                    ["local"] = new JsonObject
                    {
                        ["name"] = name[(name.LastIndexOf('/') + 1)..],
                        ["path"] = name,
                        ["type"] = "machinecode",
                        ["typePath"] = new JsonArray("machinecode", "gcode"),
                        ["origin"] = "local",
                        ["refs"] = new JsonObject { ["resource"] = resource, ["download"] = $"{baseUrl}downloads/files/local/{Escape(name)}" },
                    },
                },
                ["done"] = true,
                // Printing on upload is not simulated: the farm starts the print with its own command.
                ["effectiveSelect"] = false,
                ["effectivePrint"] = false,
            }).ConfigureAwait(false);
        }
        catch (UploadRefusedException refused)
        {
            await RefuseAsync(context, printer, refused, new JsonObject { ["error"] = refused.Message }).ConfigureAwait(false);
        }
    }

    private async Task OctoPrintFileAsync(HttpContext context)
    {
        if (Authorize(context, PrinterDialect.OctoPrint) is not { } printer) return;
        var name = PrinterStorage.Normalize(Uri.UnescapeDataString(context.Request.RouteValues["name"] as string ?? ""));
        if (printer.Storage.Find(name) is not { } path)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteJsonAsync(context, new JsonObject { ["error"] = $"File not found on 'local': {name}" }).ConfigureAwait(false);
            return;
        }
        var info = new FileInfo(path);
        var baseUrl = BaseUrl(context, printer);
        var file = new JsonObject
        {
            ["name"] = info.Name,
            ["display"] = info.Name,
            ["path"] = name,
            ["type"] = "machinecode",
            ["typePath"] = new JsonArray("machinecode", "gcode"),
            ["origin"] = "local",
            ["size"] = info.Length,
            ["date"] = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds(),
            // OctoPrint's "hash" is the SHA-1 of the file (octoprint/filemanager/storage.py _create_hash).
            ["hash"] = await HashAsync(path, HashAlgorithmName.SHA1, context.RequestAborted).ConfigureAwait(false),
            ["refs"] = new JsonObject
            {
                ["resource"] = $"{baseUrl}api/files/local/{Escape(name!)}",
                ["download"] = $"{baseUrl}downloads/files/local/{Escape(name!)}",
            },
        };
        if (SlicerTime.OfFile(path) is { } time) file["gcodeAnalysis"] = new JsonObject { ["estimatedPrintTime"] = time.TotalSeconds };
        await WriteJsonAsync(context, file).ConfigureAwait(false);
    }

    private async Task MoonrakerUploadAsync(HttpContext context)
    {
        if (Authorize(context, PrinterDialect.Moonraker) is not { } printer) return;
        try
        {
            using var upload = await MultipartUpload.ReadAsync(context.Request, _temporaryFolder, _maxUploadBytes, context.RequestAborted)
                .ConfigureAwait(false);
            if (upload.FileName is not { Length: > 0 } fileName)
                throw new UploadRefusedException(StatusCodes.Status400BadRequest, "No file name specifed in upload form");
            var root = upload.Fields.GetValueOrDefault("root")?.Trim() is { Length: > 0 } r ? r : "gcodes";
            if (root != "gcodes")
                throw new UploadRefusedException(StatusCodes.Status400BadRequest, $"Root '{root}' is not simulated; only 'gcodes'");
            var folder = upload.Fields.GetValueOrDefault("path")?.Trim('/') ?? "";
            var name = PrinterStorage.Normalize(folder.Length > 0 ? $"{folder}/{fileName}" : fileName);
            if (name is null || printer.Storage.PathOf(name) is not { } target)
                throw new UploadRefusedException(StatusCodes.Status400BadRequest, $"Bad file name '{fileName}'");
            // Checked after the whole body: the field may come after the file in the form.
            if (upload.Fields.GetValueOrDefault("checksum")?.Trim() is { Length: > 0 } checksum
                && !checksum.Equals(upload.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new UploadRefusedException(StatusCodes.Status422UnprocessableEntity,
                    $"File checksum mismatch: expected {checksum}, calculated {upload.Sha256}");
            if (IsBeingPrinted(printer, name))
                throw new UploadRefusedException(StatusCodes.Status403Forbidden, LoadedFileMessage);
            var existed = File.Exists(target);
            upload.MoveTo(target);
            Stored(printer, name, upload);

            var baseUrl = BaseUrl(context, printer);
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers.Location = $"{baseUrl}server/files/gcodes/{Escape(name)}";
            // Moonraker answers the upload with the item itself, not wrapped in "result".
            await WriteJsonAsync(context, new JsonObject
            {
                ["item"] = new JsonObject
                {
                    ["path"] = name,
                    ["root"] = "gcodes",
                    ["modified"] = Modified(target),
                    ["size"] = upload.Size,
                    ["permissions"] = "rw",
                },
                // Printing on upload is not simulated: the farm starts the print with printer.print.start.
                ["print_started"] = false,
                ["print_queued"] = false,
                ["action"] = existed ? "modify_file" : "create_file",
            }).ConfigureAwait(false);
        }
        catch (UploadRefusedException refused)
        {
            await RefuseAsync(context, printer, refused, MoonrakerError(refused.StatusCode, refused.Message)).ConfigureAwait(false);
        }
    }

    private async Task MoonrakerMetadataAsync(HttpContext context)
    {
        if (Authorize(context, PrinterDialect.Moonraker) is not { } printer) return;
        var requested = context.Request.Query["filename"].ToString();
        var name = PrinterStorage.Normalize(requested);
        if (printer.Storage.Find(name) is not { } path)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteJsonAsync(context, MoonrakerError(404, $"Metadata not available for <{requested}>")).ConfigureAwait(false);
            return;
        }
        var metadata = new JsonObject
        {
            ["filename"] = name,
            ["size"] = new FileInfo(path).Length,
            ["modified"] = Modified(path),
        };
        // Moonraker leaves out what it could not read: a missing value is absent, never zero.
        if (SlicerTime.OfFile(path) is { } time) metadata["estimated_time"] = time.TotalSeconds;
        await WriteJsonAsync(context, new JsonObject { ["result"] = metadata }).ConfigureAwait(false);
    }

    /// <summary>The printer the path names, when the request carries its key; otherwise answers 404 or 401 and returns null.</summary>
    private FileEndpointPrinter? Authorize(HttpContext context, PrinterDialect dialect)
    {
        var prefix = $"{(dialect == PrinterDialect.OctoPrint ? "octoprint" : "moonraker")}/{context.Request.RouteValues["id"]}/";
        if (!_printers.TryGetValue(prefix, out var printer))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        var presented = context.Request.Headers["X-Api-Key"].ToString();
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(printer.ApiKey)))
            return printer;
        // Never log the key that was tried: it may be a real one sent to the wrong printer.
        _logger.LogWarning("{PrinterId} refused {Method} {Path}: {KeyProblem}", printer.Id, context.Request.Method, context.Request.Path.Value,
            presented.Length == 0 ? "no X-Api-Key" : "wrong X-Api-Key");
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return null;
    }

    private static bool IsBeingPrinted(FileEndpointPrinter printer, string name) =>
        PrinterStorage.Normalize(printer.Printer.CurrentFile) is { } current && current == name;

    private static bool IsArchiveOrBinary(byte[] first) =>
        first.AsSpan().StartsWith("PK\x03\x04"u8) || first.AsSpan().StartsWith("GCDE"u8);

    private void Stored(FileEndpointPrinter printer, string name, MultipartUpload upload) =>
        _logger.LogInformation("{PrinterId} ({Dialect}) received {File}: {Size} bytes, SHA-256 {Sha256}",
            printer.Id, printer.Dialect, name, upload.Size, upload.Sha256);

    private async Task RefuseAsync(HttpContext context, FileEndpointPrinter printer, UploadRefusedException refused, JsonObject body)
    {
        _logger.LogWarning("{PrinterId} ({Dialect}) refused an upload with {StatusCode}: {Reason}",
            printer.Id, printer.Dialect, refused.StatusCode, refused.Message);
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = refused.StatusCode;
        await WriteJsonAsync(context, body).ConfigureAwait(false);
    }

    private static JsonObject MoonrakerError(int code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static string BaseUrl(HttpContext context, FileEndpointPrinter printer) =>
        $"{context.Request.Scheme}://{context.Request.Host}/{printer.PathPrefix}";

    private static string Escape(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    private static double Modified(string path) =>
        Math.Round((File.GetLastWriteTimeUtc(path) - DateTime.UnixEpoch).TotalSeconds, 2);

    private static async Task<string> HashAsync(string path, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 81920, useAsync: true);
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0) hash.AppendData(buffer, 0, read);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static Task WriteJsonAsync(HttpContext context, JsonNode body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
