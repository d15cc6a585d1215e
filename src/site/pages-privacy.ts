/**
 * What `tunegate init` and `tunegate doctor` say about publishing the registry site to GitHub Pages: a Pages
 * site is public even when its repository is private, unless the organisation is on Enterprise Cloud and
 * the site's visibility is set to private.
 */
export function pagesPrivacyWarning(): string {
  return (
    'The registry site is uploaded as a workflow artifact by default. With `pages: true` it is published to ' +
    'GitHub Pages, and a Pages site of a private repository is public unless the organisation is on GitHub ' +
    'Enterprise Cloud with private Pages (Settings → Pages → Visibility).'
  )
}
