using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using PrintFarm.Designs.Files;
using PrintFarm.Printers.Files;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.PrintFiles;

/// <summary>
/// Puts job files on printers, streamed from the design store: OctoPrint and Moonraker over HTTP,
/// Bambu over implicit FTPS. Each upload is tried again with exponential backoff and jitter
/// (Polly) while the failure may pass, and checked once there (the printer's size, Moonraker's
/// checksum). Messages name what failed, never a key or an access code.
/// </summary>
public sealed partial class PrintFileSender : IPrintFileSender, IDisposable
{
    private readonly IDesignFileStore _store;
    private readonly PrintFileOptions _options;
    private readonly ILogger<PrintFileSender> _logger;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _retries;
    private readonly BambuFileUpload _bambu;

    public PrintFileSender(IDesignFileStore store, IOptions<PrintFileOptions> options, IOptions<Printers.Links.LinkOptions> links, TimeProvider clock, ILogger<PrintFileSender> logger)
    {
        _store = store;
        _options = options.Value;
        _logger = logger;
        // Printers are on the LAN and answer for themselves: no redirect is followed (it could carry the key elsewhere).
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = _options.SilenceTimeout,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        _bambu = new BambuFileUpload(links.Value.CaCertificateFolder, _options.SilenceTimeout, clock);
        _retries = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.Attempts - 1,
                Delay = _options.FirstRetryAfter,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<PrintFileRefusedException>(e => e.Transient),
                OnRetry = retry =>
                {
                    LogRetry(retry.AttemptNumber + 1, retry.RetryDelay, retry.Outcome.Exception?.Message ?? "no answer");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task Send(PrintFileUpload upload, CancellationToken cancellationToken)
    {
        if (await _store.Size(upload.File.Sha256, cancellationToken) is not { } size || size != upload.File.Size)
            throw new PrintFileRefusedException($"the design store has no file {upload.File.Sha256[..12]}… of {upload.File.Size} bytes");
        await _retries.ExecuteAsync(async token =>
        {
            try
            {
                await SendOnce(upload, token);
            }
            catch (HttpRequestException e)
            {
                throw new PrintFileRefusedException($"the printer could not be reached ({Reason(e)})", transient: true, e);
            }
            catch (Exception e) when (e is IOException or SocketException or TimeoutException || (e is OperationCanceledException && !token.IsCancellationRequested))
            {
                throw new PrintFileRefusedException($"the connection to the printer failed ({e.GetType().Name})", transient: true, e);
            }
        }, cancellationToken);
    }

    private async Task SendOnce(PrintFileUpload upload, CancellationToken cancellationToken)
    {
        switch (upload.Printer.Dialect)
        {
            case PrinterDialect.OctoPrint:
                await OctoPrintFileUpload.Send(_http, upload, Content(upload), cancellationToken);
                break;
            case PrinterDialect.Moonraker:
                await MoonrakerFileUpload.Send(_http, upload, Content(upload), cancellationToken);
                break;
            case PrinterDialect.Bambu:
                await _bambu.Send(upload, token => Open(upload, token), cancellationToken);
                break;
            default:
                throw new PrintFileRefusedException($"a {upload.Printer.Dialect} printer is not sent files");
        }
    }

    private StoredFileContent Content(PrintFileUpload upload) => new(token => Open(upload, token), upload.File.Size);

    private async Task<Stream> Open(PrintFileUpload upload, CancellationToken cancellationToken) =>
        await _store.Open(upload.File.Sha256, 0, cancellationToken)
        ?? throw new PrintFileRefusedException("the file left the design store during the upload");

    /// <summary>The socket's words, not the exception's message, which may quote a URL.</summary>
    private static string Reason(HttpRequestException e) =>
        e.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : e.HttpRequestError.ToString();

    public void Dispose() => _http.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Print file upload: try {Attempt} in {Delay} after: {Problem}")]
    private partial void LogRetry(int attempt, TimeSpan delay, string problem);
}
