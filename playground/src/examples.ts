import type { FileSet } from './protocol';

/** What the page opens with when no share link is given: a site with an include and a template. */
export const exampleFiles: FileSet = {
  '/etc/ipsec.conf': `# Edit freely: every file here is checked as Libreswan would read it.
config setup
	logfile=/var/log/pluto.log

include /etc/ipsec.d/*.conf
`,
  '/etc/ipsec.d/site.conf': `conn site-to-site
	also=office
	right=198.51.100.7
	rightsubnet=10.20.0.0/16
	ike=aes256-sha2_256;dh19
	auto=start

conn office
	left=192.0.2.10
	leftid=@office
	leftsubnet=10.10.0.0/16
	rightid=@branch
	authby=secret
`,
  '/etc/ipsec.secrets': `@office @branch : PSK "replace this with 32 random characters or more"
`,
};

/** A pair that cannot come up: east offers a different IKE proposal and another subnet. */
export const examplePair: { west: FileSet; east: FileSet } = {
  west: {
    '/etc/ipsec.conf': `conn west-east
	left=192.0.2.1
	leftid=@west
	leftsubnet=10.1.0.0/16
	right=198.51.100.1
	rightid=@east
	rightsubnet=10.2.0.0/16
	authby=secret
	ike=aes256-sha2_256;dh19
	esp=aes256-sha2_256
	auto=start
`,
    '/etc/ipsec.secrets': `@west @east : PSK "pW4vN8qZ2rT6yX1cB5mK9jH3gF7dS0aLe"
`,
  },
  east: {
    '/etc/ipsec.conf': `conn west-east
	left=192.0.2.1
	leftid=@west
	leftsubnet=10.1.0.0/16
	right=198.51.100.1
	rightid=@east
	rightsubnet=10.3.0.0/16
	authby=secret
	ike=aes128-sha2_512;dh20
	esp=aes256-sha2_256
	auto=add
`,
    '/etc/ipsec.secrets': `@west @east : PSK "pW4vN8qZ2rT6yX1cB5mK9jH3gF7dS0aLe"
`,
  },
};
