namespace PrintFarm.Accounts;

/// <summary>The rules for an account's login: what a person types at sign-in and what keys name.</summary>
public static class AccountNames
{
    public const int MinLength = 3;
    public const int MaxLength = 64;

    /// <summary>Logins are compared in lower case: "Ada@Example.com" and "ada@example.com" are one account.</summary>
    public static string Normalize(string login) => login.Trim().ToLowerInvariant();

    /// <summary>3 to 64 of a-z, 0-9 and . _ @ + -, starting with a letter or digit (an email address fits).</summary>
    public static bool IsWellFormed(string? login) =>
        login is { Length: >= MinLength and <= MaxLength }
        && char.IsAsciiLetterOrDigit(login[0])
        && login.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '@' or '+' or '-');
}
