using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Gateway.Access;
using PrintFarm.Jobs;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Access;

/// <summary>
/// The access matrix, generated from the gateway's own endpoint list: every endpoint either names
/// a policy or is on the short list of public ones, and each is tried with no key, a malformed,
/// a revoked and an expired key, another customer's key, and the customer, viewer, operator and
/// admin keys. A new endpoint without a policy fails here.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AccessMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What anyone may call: the tracking page and its stream (by the unguessable reference), health, the API description and its reference page, sign-in.</summary>
    private static readonly string[] Public =
    [
        "GET /", "GET /healthz", "GET /openapi/{documentName}.json", "GET /tracking/{reference}", "GET /api/orders/{reference}/events",
        "GET /signin", "POST /signin", "POST /signout",
        // The API reference page (Scalar) and its own files: public like the document it reads.
        "GET /api/docs/{documentName?}", "GET /api/docs/scalar.js", "GET /api/docs/scalar.aspnetcore.js", "GET /api/docs/favicon.svg",
        // The Sculpteo order API authenticates by the login and password in its form; its tracking URL redirects.
        "POST /api/store/3D/order/", "GET /shop/tracking/reference/{reference}",
        // The tracking page's item pictures, by the page's reference.
        "GET /tracking/{reference}/items/{index:int}/thumbnail",
        // The thread's files on the tracking page, by its reference; a reply from the page, by the reply key of the order's emails.
        "GET /tracking/{reference}/messages/{number:int}/attachments/{index:int}", "POST /tracking/{reference}/messages",
    ];

    private static readonly Dictionary<string, string[]> RolesOf = new()
    {
        [AccessPolicies.Reading] = ["customer", "viewer", "operator", "admin"],
        [AccessPolicies.Ordering] = ["customer", "operator", "admin"],
        [AccessPolicies.Viewer] = ["viewer", "operator", "admin"],
        [AccessPolicies.Operator] = ["operator", "admin"],
        [AccessPolicies.Admin] = ["admin"],
    };

    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_as_its_policy_says()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        var keys = await Keys(farm);
        using var customer = farm.Client(farm.Accounts.Customer.Key);
        var placed = await customer.PostAsync("/api/orders", Json(ApiModels.ValidOrder), Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var reference = (await placed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!;
        // A first message with a file, so the thread's attachment is there to ask for.
        using var message = new MultipartFormDataContent { { new StringContent("A photo of the part"), "text" } };
        message.Add(new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")), "file", "part.png");
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsync($"/api/orders/{reference}/messages", message, Ct)).StatusCode);

        var endpoints = farm.GatewayServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)))
            .ToList();
        Assert.NotEmpty(endpoints);
        var anonymous = new List<string>();
        var keyed = new List<string>();
        var tried = 0;
        foreach (var (method, endpoint) in endpoints)
        {
            var name = $"{method} {endpoint.RoutePattern.RawText}";
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                anonymous.Add(name);
                continue;
            }
            keyed.Add(name);
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            Assert.True(policies.Count == 1, $"{name} names {policies.Count} policies; every endpoint names exactly one or allows anonymous callers");
            var policy = policies[0];
            var path = Path(endpoint.RoutePattern.RawText!, reference, farm.Accounts.Customer.Login);
            if (policy is AccessPolicies.SignedIn or PrintFarm.Gateway.Console.ConsoleEndpoints.Viewer or PrintFarm.Gateway.Console.ConsoleEndpoints.Operator or PrintFarm.Gateway.Console.ConsoleEndpoints.Admin)
            {
                // The console's roles over the cookie are tried in ConsoleAccessTests and the browser tests.
                // A page: without a cookie it sends the browser to sign in, whatever key it carries.
                foreach (var (who, key) in keys)
                {
                    // The console's moves take forms (a JSON body is not theirs: routing answers it as no endpoint).
                    var page = await Send(farm, method, path, key, form: path.StartsWith("/console", StringComparison.Ordinal));
                    Assert.True(page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.ToString().Contains("/signin"), $"{name} with {who}: {(int)page.StatusCode}");
                }
                continue;
            }
            Assert.True(RolesOf.ContainsKey(policy), $"{name} names the policy '{policy}', which this test does not know");
            var aboutAnOrder = endpoint.RoutePattern.Parameters.Any(p => p.Name == "reference");
            foreach (var (who, key) in keys)
            {
                var answer = await Send(farm, method, path, key);
                var status = answer.StatusCode;
                var said = $"{name} with {who}: {(int)status} {await answer.Content.ReadAsStringAsync(Ct)}";
                switch (who)
                {
                    case "no key" or "a malformed key" or "a revoked key" or "an expired key":
                        Assert.True(status == HttpStatusCode.Unauthorized, said);
                        Assert.Contains("Bearer", answer.Headers.WwwAuthenticate.ToString());
                        break;
                    case "another customer's key" when RolesOf[policy].Contains("customer"):
                        Assert.True(!aboutAnOrder || status == HttpStatusCode.NotFound, said);
                        Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), said);
                        break;
                    case "another customer's key":
                        Assert.True(status == HttpStatusCode.Forbidden, said);
                        break;
                    default:
                        if (RolesOf[policy].Contains(who)) Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound) || (status == HttpStatusCode.NotFound && !aboutAnOrder), said);
                        else Assert.True(status == HttpStatusCode.Forbidden, said);
                        break;
                }
                tried++;
            }
        }
        Assert.True(Public.Order().SequenceEqual(anonymous.Order()), $"public endpoints: {string.Join(", ", anonymous.Order())}");
        Assert.True(tried > 100, $"only {tried} requests were tried");
        // The CSV exports: one order as its customer or staff (another customer gets 404), many for staff only (403).
        Assert.Contains("GET /api/orders/{reference}/export.csv", keyed);
        Assert.Contains("GET /api/orders/export.csv", keyed);
        // The operator console's moves: operators and admins only (a printer-limited key is tried in OperatorMovesEndToEndTests).
        foreach (var move in new[] { "pause", "resume", "cancel", "service" }) Assert.Contains($"POST /api/printers/{{printerId}}/{move}", keyed);
        foreach (var move in new[] { "express", "hold", "release", "retry" }) Assert.Contains($"POST /api/jobs/{{jobId}}/{move}", keyed);
        // The farm's metrics: for viewers, like the operator views they are counted from.
        Assert.Contains("GET /metrics", keyed);
    }

    /// <summary>Each kind of caller with its key (null: none).</summary>
    private static async Task<List<(string Who, string? Key)>> Keys(FarmHost farm)
    {
        var admin = farm.Http;
        var other = await admin.PostAsync("/api/accounts", Json("""{"login": "other-customer", "role": "Customer"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var otherKey = await NewKey(admin, "other-customer", "{}");
        var revoked = await NewKey(admin, farm.Accounts.Customer.Login, "{}");
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/keys/{revoked}", Ct)).StatusCode);
        var expiring = await NewKey(admin, farm.Accounts.Admin.Login, $$"""{"expiresAt": "{{DateTimeOffset.UtcNow.AddSeconds(2):O}}"}""");
        using (var expired = farm.Client(expiring))
        {
            await Eventually.Get(async () => (await expired.GetAsync("/api/farm", Ct)).StatusCode, s => s == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(30), "the expiring key to expire");
        }
        return
        [
            ("no key", null),
            ("a malformed key", "pf_not-a-key"),
            ("a revoked key", revoked),
            ("an expired key", expiring),
            ("another customer's key", otherKey),
            ("customer", farm.Accounts.Customer.Key),
            ("viewer", farm.Accounts.Viewer!.Key),
            ("operator", farm.Accounts.Operator.Key),
            ("admin", farm.Accounts.Admin.Key),
        ];
    }

    private static async Task<string> NewKey(HttpClient admin, string login, string body)
    {
        var created = await admin.PostAsync($"/api/accounts/{login}/keys", Json(body), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
    }

    private static string Path(string pattern, string reference, string login) => pattern
        .Replace("{reference}", reference)
        .Replace("{index:int}", "0")
        .Replace("{number:int}", "1")
        .Replace("{jobId}", PrintJobSpec.IdFor(reference, 0, 1))
        .Replace("{printerId}", "matrix-printer")
        .Replace("{login}", login)
        .Replace("{keyId}", "zzzzzzzzzz")
        .Replace("{id:guid}", "6f1c1e5e-1d0a-4a8e-9a51-0c3c2b1b7a10")
        .Replace("{documentName}", "v1");

    private static async Task<HttpResponseMessage> Send(FarmHost farm, string method, string path, string? key, bool form = false)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = farm.BaseAddress };
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        if (method is "POST" or "PUT") request.Content = form ? new FormUrlEncodedContent(new Dictionary<string, string>()) : Json("{}");
        var response = await http.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
