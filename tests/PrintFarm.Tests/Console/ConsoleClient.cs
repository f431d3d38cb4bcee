using System.Net;
using System.Text.RegularExpressions;

namespace PrintFarm.Tests.Console;

/// <summary>A person at the console without a browser: a cookie jar, the sign-in form, and form posts with the page's token.</summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    private ConsoleClient(Uri gateway)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = gateway };
    }

    public static async Task<ConsoleClient> SignIn(Uri gateway, string login, string password)
    {
        var client = new ConsoleClient(gateway);
        var (name, token) = Token(await client._http.GetStringAsync("/signin"));
        var signedIn = await client._http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { [name] = token, ["login"] = login, ["password"] = password }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    public static ConsoleClient Anonymous(Uri gateway) => new(gateway);

    public Task<HttpResponseMessage> Get(string path) => _http.GetAsync(path);

    /// <summary>Posts a form with the antiforgery token of <paramref name="page"/> (as the page's own forms carry it).</summary>
    public async Task<HttpResponseMessage> Post(string page, string action, params (string Name, string Value)[] fields)
    {
        var html = await (await _http.GetAsync(page)).Content.ReadAsStringAsync();
        var (name, token) = Token(html);
        var form = fields.ToDictionary(f => f.Name, f => f.Value);
        form[name] = token;
        return await _http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    private static (string Name, string Value) Token(string html)
    {
        var match = HiddenToken().Match(html);
        Assert.True(match.Success, "the page carries a form token");
        return (match.Groups["name"].Value, WebUtility.HtmlDecode(match.Groups["value"].Value));
    }

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex HiddenToken();

    public void Dispose() => _http.Dispose();
}
