using System.Text.Json;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// The API's JSON read back as a client would: by field name, not through our own types, so a
/// renamed or missing field fails the test.
/// </summary>
internal static class ApiModels
{
    public const string ValidOrder = """
        {
          "customer": {"name": "Ada", "email": "ada@example.com"},
          "items": [{"design": "bracket-v4", "material": "PLA", "quantity": 2, "estimatedPrintSeconds": 2}],
          "shipping": {"method": "standard", "address": {"name": "Ada", "street1": "1 Rue X", "city": "Paris", "postalCode": "75001", "country": "FR"}}
        }
        """;

    public static string Status(this JsonElement order) => order.GetProperty("status").GetString()!;
}
