namespace PrintFarm.Gateway.Access;

/// <summary>The sign-in form's fields.</summary>
public sealed record SignInForm(string? Login, string? Password);
