// The Flex Consumption plan (Linux) and the function app that runs Benchmark.Functions as a
// .NET isolated worker. Everything the app reaches, it reaches as its user-assigned identity.

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (also the first part of its host name).')
param appName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags for the plan.')
param tags object

@description('The azd service name in azure.yaml; azd finds the app to deploy to by this tag.')
param azdServiceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account the app and the Functions host use.')
param storageAccountName string

@description('Blob endpoint of that account, https://<name>.blob.core.windows.net/.')
param storageBlobEndpoint string

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Application Insights connection string (an endpoint, not a secret: local auth is disabled).')
param applicationInsightsConnectionString string

@description('Where visitors report a problem; shown in the accessibility statement and the page footer.')
param contactEmail string

@description('Key Vault reference to the app\'s secret, @Microsoft.KeyVault(SecretUri=...); resolved by the platform with the identity.')
param protectorKeyVaultReference string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to; bounds cost and the load on storage.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    // Only HTTPS reaches the app; it relies on that (docs/web.md): the host forwards over loopback HTTP.
    httpsOnly: true
    // Key Vault references are resolved as the user-assigned identity, which alone may read the secret.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Flex Consumption takes the runtime from functionAppConfig (which sets FUNCTIONS_WORKER_RUNTIME to
      // dotnet-isolated) and rejects FUNCTIONS_WORKER_RUNTIME,
      // FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENT* and the like here.
      appSettings: [
        // The Functions host's own storage (queue trigger, leases, timers), with the identity.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        // The app's storage: an account name switches it from a connection string to
        // DefaultAzureCredential with https://{name}.table|queue|blob.core.windows.net.
        {
          name: 'Storage__AccountName'
          value: storageAccountName
        }
        // DefaultAzureCredential picks the user-assigned identity by this client id.
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        // The app's secret, from Key Vault; it encrypts the keys that protect web sessions.
        {
          name: 'Security__Secret'
          value: protectorKeyVaultReference
        }
        {
          name: 'Service__ContactEmail'
          value: contactEmail
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsightsConnectionString
        }
        // Telemetry is sent with an Entra ID token of the identity, as local auth is disabled.
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        // The .NET isolated worker on .NET 10: the host starts Benchmark.Functions.dll as worker.config.json says
        // and talks to it over gRPC; HTTP requests are proxied to the worker's own Kestrel.
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Deployment goes through Entra ID (azd, az); publishing with user name and password is switched off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output planName string = plan.name
output url string = 'https://${app.properties.defaultHostName}'
