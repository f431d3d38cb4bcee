using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// The operator console as a person at a screen sees it: a viewer account signed in with the
/// cookie (as a browser does: the form, its antiforgery token, the cookie back on every request),
/// the fleet page, and the page's live stream. Every failure becomes a reason in the figures, so
/// the rest of the bench never depends on the console.
/// </summary>
public sealed class ConsoleProbe : IDisposable
{
    public const string Login = "bench-console";
    /// <summary>Ungrouped, so tiles sort by printer id and page 1 holds the same printers all run long.</summary>
    private const string FirstPage = "/console/fleet?group=none&page=1";

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private List<string> _watched = [];

    private ConsoleProbe(HttpClient http, TimeProvider clock)
    {
        _http = http;
        _clock = clock;
    }

    /// <summary>The printers on page 1, as the render measurement found them: the ones whose tiles the stream is watched for.</summary>
    public IReadOnlyList<string> WatchedPrinters => _watched;

    /// <summary>Makes the viewer account (with the admin key of <paramref name="admin"/>) and signs it in; the probe, or why not.</summary>
    public static async Task<(ConsoleProbe? Probe, string? Problem)> SignIn(HttpClient admin, TimeProvider clock, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        // No redirects: the sign-in answers with one to /console, which would render the fleet
        // page before the bench means to time its first, cold render.
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = admin.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        try
        {
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            using (var created = await admin.PostAsJsonAsync("/api/accounts",
                new { login = Login, role = "Viewer", name = "Bench console", password }, cancellationToken))
            {
                if (!created.IsSuccessStatusCode) return Fail(http, $"POST /api/accounts answered {(int)created.StatusCode}");
            }
            using var form = await http.GetAsync("/signin", cancellationToken);
            if (!form.IsSuccessStatusCode) return Fail(http, $"GET /signin answered {(int)form.StatusCode}");
            if (ConsolePageHtml.TokenField(await form.Content.ReadAsStringAsync(cancellationToken)) is not { } token)
                return Fail(http, "the sign-in form has no antiforgery field");
            using var signIn = await http.PostAsync("/signin", new FormUrlEncodedContent(
            [
                new(token.Name, token.Value), new("login", Login), new("password", password),
                // Sent although optional: without it the gateway fails to bind SignInForm (its
                // form mapping wants every constructor parameter) and answers 400.
                new("returnUrl", "/console/fleet"),
            ]), cancellationToken);
            if (signIn.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther))
            {
                // The page's own words when it has some; an empty 400 is the antiforgery check refusing the form.
                var answer = await signIn.Content.ReadAsStringAsync(cancellationToken);
                var why = ConsolePageHtml.Problem(answer) ?? (answer.Length == 0 ? "empty answer" : answer[..Math.Min(160, answer.Length)]);
                return Fail(http, $"POST /signin answered {(int)signIn.StatusCode}, not a redirect ({why}; cookies sent: {string.Join(", ", cookies.GetAllCookies().Select(c => c.Name))})");
            }
            if (cookies.GetCookies(admin.BaseAddress!)["printfarm"] is null) return Fail(http, "POST /signin set no printfarm cookie");
            return (new ConsoleProbe(http, clock), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Fail(http, $"sign-in failed: {ex.Message}");
        }
    }

    /// <summary>
    /// Page 1 until it reports all <paramref name="printers"/> (the first request is the cold
    /// render), once more warm, then every page once.
    /// </summary>
    public async Task<ConsoleRenderFigures> MeasureRender(int printers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            double? cold = null;
            var requests = 0;
            while (true)
            {
                requests++;
                var (html, _, ms) = await Get(FirstPage, cancellationToken);
                cold ??= ms;
                if (ConsolePageHtml.Summary(html)?.Matching == printers && ConsolePageHtml.CountersTotal(html) == printers) break;
                if (Stopwatch.GetElapsedTime(started) > timeout)
                {
                    var shown = ConsolePageHtml.Summary(html) is { } s ? $"{s.Matching} printers" : "no page summary";
                    return ConsoleRenderFigures.NotMeasured($"after {requests} requests in {timeout.TotalSeconds:F0} s the page showed {shown}, not {printers}")
                        with { ColdMs = cold, Requests = requests };
                }
                await Task.Delay(250, cancellationToken);
            }
            var untilAll = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            var (warmHtml, bytes, warm) = await Get(FirstPage, cancellationToken);
            _watched = [.. ConsolePageHtml.Tiles(warmHtml).Select(t => t.PrinterId)];
            var pages = ConsolePageHtml.Summary(warmHtml)!.Value.Pages;

            // Every page once, as someone paging through the whole fleet would.
            var rendered = new HashSet<string>(StringComparer.Ordinal);
            long allBytes = 0;
            var allStarted = Stopwatch.GetTimestamp();
            for (var page = 1; page <= pages; page++)
            {
                var (html, pageBytes, _) = await Get($"/console/fleet?group=none&page={page}", cancellationToken);
                allBytes += pageBytes;
                foreach (var tile in ConsolePageHtml.Tiles(html)) rendered.Add(tile.PrinterId);
            }
            var allMs = Stopwatch.GetElapsedTime(allStarted).TotalMilliseconds;
            return new ConsoleRenderFigures(printers, pages, cold, requests, untilAll, warm, bytes, allMs, allBytes, rendered.Count,
                rendered.Count == printers ? null : $"the pages rendered {rendered.Count} distinct tiles, not {printers}");
        }
        catch (Exception ex) when (IsConsoleFailure(ex, cancellationToken))
        {
            return ConsoleRenderFigures.NotMeasured($"the fleet page failed: {ex.Message}");
        }
    }

    /// <summary>
    /// Page 1's live stream for <paramref name="duration"/>: bytes, swap events, and every tile it
    /// carried with the moment it was read (a tile inside a whole-grid swap counts too).
    /// </summary>
    public async Task<(ConsoleStreamFigures Figures, List<TileSeen> Tiles, DateTimeOffset From, DateTimeOffset To)> Watch(
        TimeSpan duration, CancellationToken cancellationToken)
    {
        var tiles = new List<TileSeen>();
        var from = _clock.GetUtcNow();
        try
        {
            // A fresh page for a fresh "since": the stream then sends only what changes after it.
            var (page, _, _) = await Get(FirstPage, cancellationToken);
            if (ConsolePageHtml.StreamAddress(page) is not { } address)
                return (ConsoleStreamFigures.NotMeasured("the fleet page has no data-stream"), tiles, from, from);
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return (ConsoleStreamFigures.NotMeasured($"{address} answered {(int)response.StatusCode}"), tiles, from, from);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);

            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            window.CancelAfter(duration);
            from = _clock.GetUtcNow();
            var started = Stopwatch.GetTimestamp();
            long bytes = 0;
            var events = 0;
            string? ended = null;
            var reader = new SseLineReader();
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var n = await body.ReadAsync(buffer, window.Token);
                    if (n == 0) { ended = "the stream ended before the window did"; break; }
                    bytes += n;
                    var at = _clock.GetUtcNow();
                    foreach (var (type, data) in reader.Feed(buffer.AsSpan(0, n)))
                    {
                        if (type == "end") { ended = $"the stream ended: {data.Trim()}"; break; }
                        if (type != "swap") continue;
                        events++;
                        foreach (var (id, state) in ConsolePageHtml.Tiles(data)) tiles.Add(new TileSeen(id, state, at));
                    }
                    if (ended is not null) break;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The window is over: the stream was meant to be cut here.
            }
            var to = _clock.GetUtcNow();
            return (new ConsoleStreamFigures(Stopwatch.GetElapsedTime(started).TotalSeconds, bytes, events, tiles.Count, ended), tiles, from, to);
        }
        catch (Exception ex) when (IsConsoleFailure(ex, cancellationToken))
        {
            return (ConsoleStreamFigures.NotMeasured($"the live stream failed: {ex.Message}"), tiles, from, from);
        }
    }

    /// <summary>A page's HTML, the bytes it took and the milliseconds from request to last byte.</summary>
    private async Task<(string Html, long Bytes, double Milliseconds)> Get(string address, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.GetAsync(address, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {address} answered {(int)response.StatusCode}", null, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (Encoding.UTF8.GetString(body), body.LongLength, ms);
    }

    private static bool IsConsoleFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException or InvalidOperationException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested;

    private static (ConsoleProbe?, string?) Fail(HttpClient http, string problem)
    {
        http.Dispose();
        return (null, problem);
    }

    public void Dispose() => _http.Dispose();
}
